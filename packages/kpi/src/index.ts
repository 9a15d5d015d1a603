export * from "./program";
