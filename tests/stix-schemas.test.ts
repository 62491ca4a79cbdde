import { describe, expect, it } from "vitest";
import { stixErrors, stixSchemaAccepts } from "./stix-schemas";

const at = "2026-01-01T00:00:00.000Z";
const incident = { type: "incident", spec_version: "2.1", id: "incident--6c1b3f0e-9a4d-4e2b-8f1a-7d6c5e4b3a29", created: at, modified: at, name: "A seizure" };
type Obj = { type: string; id: string } & Record<string, unknown>;
const bundle = (objects: Obj[]) => ({ type: "bundle", id: "bundle--6c1b3f0e-9a4d-4e2b-8f1a-7d6c5e4b3a29", objects });

describe("the STIX schema check of the tests", () => {
  it("pins the upstream defect it works around: bundle.json refuses any incident, as both of its custom-object branches match", () => {
    expect(stixSchemaAccepts("sdos/incident.json", incident)).toBe(true);
    expect(stixSchemaAccepts("common/core.json", incident)).toBe(true);
    expect(stixSchemaAccepts("common/cyber-observable-core.json", incident)).toBe(true);
    expect(stixSchemaAccepts("common/bundle.json", bundle([incident]))).toBe(false);
  });

  it("accepts a valid bundle and refuses a malformed id or a missing required property", () => {
    expect(stixErrors(bundle([incident]))).toEqual([]);
    expect(stixErrors(bundle([{ ...incident, id: "incident--not-a-uuid" }]))).not.toEqual([]);
    expect(stixErrors(bundle([{ ...incident, name: undefined }]))).not.toEqual([]);
    const malformed: ReturnType<typeof bundle> = { ...bundle([incident]), id: "bundle--x" };
    expect(stixErrors(malformed)).not.toEqual([]);
  });
});
