import { describe, expect, it } from "vitest";
import { parseCopyLine } from "~/db/backup/format";
import { chooseMethod, toolMajor } from "~/db/backup/method";
import { dependencyOrder } from "~/db/backup/tables";

describe("choosing how to back up", () => {
  it("uses pg_dump only when its major version is at least the server's", () => {
    expect(chooseMethod(15, 150020)).toBe("pg_dump");
    expect(chooseMethod(18, 150020)).toBe("pg_dump");
    expect(chooseMethod(15, 180004)).toBe("snapshot"); // the system's pg_dump 15, the embedded PostgreSQL 18
    expect(chooseMethod(17, 180000)).toBe("snapshot");
    expect(chooseMethod(null, 150020)).toBe("snapshot"); // no pg_dump installed
  });

  it("reads the major version from a tool's --version line", () => {
    expect(toolMajor("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n")).toBe(15);
    expect(toolMajor("pg_restore (PostgreSQL) 18.1\n")).toBe(18);
    expect(toolMajor("pg_dump: command not found")).toBeNull();
  });
});

describe("reading backups", () => {
  it("reads the table and columns of pg_restore's COPY lines, quoted or not", () => {
    expect(parseCopyLine('COPY public.notices (id, kind, "position") FROM stdin;')).toEqual({
      schema: "public",
      name: "notices",
      columns: ["id", "kind", "position"],
    });
    expect(parseCopyLine('COPY drizzle."__Odd ""name""" (id) FROM stdin;')).toEqual({ schema: "drizzle", name: '__Odd "name"', columns: ["id"] });
    expect(parseCopyLine("SELECT pg_catalog.setval('public.audit_log_id_seq', 70, true);")).toBeNull();
  });

  it("orders tables after those their foreign keys point to, a table pointing to itself included", () => {
    const table = (oid: string, name: string, references: string[]) => ({ oid, schema: "public", name, references });
    const ordered = dependencyOrder([
      table("1", "notifications", ["2", "3"]),
      table("2", "notices", ["2", "3", "4"]),
      table("3", "users", ["4"]),
      table("4", "agencies", []),
    ]);
    expect(ordered.map((t) => t.name)).toEqual(["agencies", "users", "notices", "notifications"]);
    expect(() => dependencyOrder([table("1", "a", ["2"]), table("2", "b", ["1"])])).toThrow(/cycle/);
  });
});
