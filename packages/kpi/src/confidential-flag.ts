/** The flag of a figure withheld from readers without the `confidential` permission. */
export const CONFIDENTIAL_FLAG = "confidential";

/** True when a stored flag marks its figure confidential. */
export function isConfidentialFlag(flag: string | null | undefined): boolean {
  return flag?.toLowerCase() === CONFIDENTIAL_FLAG;
}
