import type { QuantityUnit } from "~/schemas/notice-enums";

const KG_PER: Partial<Record<QuantityUnit, number>> = { g: 0.001, kg: 1, t: 1000 };
const ML_PER: Partial<Record<QuantityUnit, number>> = { mL: 1, L: 1000 };

/**
 * The mass in kg where it can be derived: mass units directly, volumes through the substance's
 * density (g/mL, from the reference table). Barrels and units have no fixed size: null.
 */
export function normalizedMassKg(quantity: number, unit: QuantityUnit, densityGPerMl: number | null): number | null {
  const kg = KG_PER[unit];
  if (kg !== undefined) return round(quantity * kg);
  const ml = ML_PER[unit];
  if (ml !== undefined && densityGPerMl) return round((quantity * ml * densityGPerMl) / 1000);
  return null;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
