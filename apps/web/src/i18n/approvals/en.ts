/** English catalogue of the approvals page: the shape the other languages must match. */
export const approvalsEn = {
  title: "Approval of figures",
  intro:
    "Each year's figures at each place are submitted by its stewards and approved by its managers. Approved figures are locked: new rows for them are refused until a manager reopens the year.",
  program: "Programme",
  year: "Year",
  show: "Show",
  caption: "Approval of {program}, {year}, by place",
  place: "Place",
  state: "State",
  latest: "Latest action",
  comment: "Comment",
  figures: "Figures",
  figuresOf: "{figures} of {indicators} indicators",
  actions: "Actions",
  none: "—",
  states: { open: "open", submitted: "submitted", approved: "approved" },
  returned: "returned",
  lastAction: {
    submit: "submitted by {by}, {at}",
    approve: "approved by {by}, {at}",
    return: "returned by {by}, {at}",
    reopen: "reopened by {by}, {at}",
  },
  act: {
    submit: "Submit",
    approve: "Approve",
    return: "Return",
    reopen: "Reopen",
  },
  commentLabel: "Why the figures are returned (required to return)",
  done: "Done: the year is now {state}.",
  failed: "Not done: {detail}",
  network: "The server could not be reached; try again.",
  noPrograms: "No programme is loaded.",
};

export type ApprovalsMessages = typeof approvalsEn;
