export * from "./alerts/engine";
export * from "./alerts/notifications";
export { computeStatusChanges, type StatusChange } from "./status/changes";
export { evaluatePlaces, type FigureOverlay, indicatorsOf } from "./status/compute";
export {
  evaluateIndicatorEverywhere,
  evaluateIndicatorStatuses,
  type IndicatorStatusView,
  processStatusWork,
  refreshIndicator,
  refreshStatuses,
  type StatusWorkResult,
} from "./status/run";
