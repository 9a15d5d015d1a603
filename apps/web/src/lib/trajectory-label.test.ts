import { describe, expect, it } from "vitest";
import { CATALOGUES } from "~/i18n";
import { trajectoryLabel } from "./trajectory-label";

describe("trajectoryLabel", () => {
  it.each([
    [
      { level: "acceleration_needed", progressStatus: "moderate_progress" },
      "en",
      "Needs acceleration",
    ],
    [{ level: "not_available", progressStatus: "moderate_progress" }, "en", "Moderate progress"],
    [{ level: "not_available", progressStatus: "deterioration" }, "ru", "Ухудшение"],
    [
      { level: "not_available", progressStatus: "substantial_progress" },
      "kk",
      "Айтарлықтай прогресс",
    ],
    [{ level: "not_available", progressStatus: null }, "en", "Not enough data"],
    // Stored before the progress measure: no progressStatus at all.
    [{ level: "on_track" }, "en", "On track"],
  ] as const)("%j in %s is %s", (trajectory, locale, label) => {
    expect(trajectoryLabel(trajectory, CATALOGUES[locale])).toBe(label);
  });
});
