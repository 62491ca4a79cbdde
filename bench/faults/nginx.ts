import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sleep } from "./mail";

export const NGINX = "/usr/sbin/nginx";

export type RunningNginx = { base: string; stop: () => Promise<void> };

/**
 * Debian's nginx in front of `upstreams` (ports on 127.0.0.1), listening on `port`, run in the
 * foreground as a child process with a configuration of its own in a temporary folder. The proxy
 * settings are the deployment's own (deploy/nginx/proxy.conf); only the upstream's addresses and
 * the listening port are the harness's.
 */
export async function startNginx(port: number, upstreams: number[]): Promise<RunningNginx> {
  const dir = await mkdtemp(join(tmpdir(), "tianshan-nginx-"));
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) await mkdir(join(dir, temp));
  const config = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    upstream tianshan {
${upstreams.map((p) => `        server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
        keepalive 32;
    }
    server {
        listen 127.0.0.1:${port};
        location / {
            include ${resolve("deploy/nginx/proxy.conf")};
        }
    }
}
`;
  await writeFile(join(dir, "nginx.conf"), config);
  const child = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (
      await fetch(`${base}/api/trpc/health.ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
