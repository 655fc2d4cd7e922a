// wrk as the second load generator of the intake bench (Debian's `wrk`; skipped when absent). Its
// Lua script gives every thread its own random stream (seeded from the thread's number) and its own
// range of changeTimes, so threads never send the same change by accident; a share of requests
// repeats one of the thread's own recent requests (a partner retrying).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WRK = '/usr/bin/wrk';

export interface WrkOptions {
  url: string;
  apiKey: string;
  minCustomer: string;
  maxCustomer: string;
  /** Share of requests that repeat an earlier one, 0 to 1. */
  replayShare: number;
  /** Epoch milliseconds of the first changeTime; each thread gets 10^9 ms (11 days) of its own. */
  baseMs: number;
  threads: number;
  connections: number;
  seconds: number;
}

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  status500: number;
  output: string;
}

function script(o: WrkOptions): string {
  return `
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  -- A random stream of this thread's own: a different seed in every thread.
  math.randomseed(id * 1000003 + ${Math.floor(o.baseMs / 1000) % 1000000})
  sent = 0
  recent = {}
  status500 = 0
  non2xx = 0
end

local function iso(ms)
  local s = math.floor(ms / 1000)
  return os.date("!%Y-%m-%dT%H:%M:%S", s) .. string.format(".%03dZ", ms % 1000)
end

function request()
  local cid, t
  if #recent > 0 and math.random() < ${o.replayShare} then
    local r = recent[math.random(#recent)]
    cid, t = r[1], r[2]
  else
    cid = math.random(${o.minCustomer}, ${o.maxCustomer})
    sent = sent + 1
    t = ${o.baseMs} + id * 1000000000 + sent
    if #recent < 256 then table.insert(recent, {cid, t}) else recent[math.random(256)] = {cid, t} end
  end
  return wrk.format("POST", "/v2/customer-persons/" .. cid .. "/change-notifications",
    { ["authorization"] = "Bearer ${o.apiKey}", ["content-type"] = "application/json" },
    '{"changeType":"PASSWORD_CHANGED","changeTime":"' .. iso(t) .. '"}')
end

function response(status, headers, body)
  if status >= 300 then non2xx = non2xx + 1 end
  if status >= 500 then status500 = status500 + 1 end
end

function done(summary, latency, requests)
  local n5, nx = 0, 0
  for _, t in ipairs(threads) do
    n5 = n5 + t:get("status500")
    nx = nx + t:get("non2xx")
  end
  io.write(string.format("WALLET requests=%d rps=%.1f p50us=%d p99us=%d non2xx=%d status500=%d\\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), nx, n5))
end
`;
}

/** Runs wrk once; undefined when it is not installed. */
export function runWrk(o: WrkOptions): WrkResult | undefined {
  if (!existsSync(WRK)) return undefined;
  const file = join(tmpdir(), `wallet-wrk-${process.pid}.lua`);
  writeFileSync(file, script(o));
  const run = spawnSync(
    WRK,
    ['-t', String(o.threads), '-c', String(o.connections), '-d', `${o.seconds}s`, '-s', file, o.url],
    { encoding: 'utf8' },
  );
  const output = `${run.stdout}${run.stderr}`;
  const m = /WALLET requests=(\d+) rps=([\d.]+) p50us=(\d+) p99us=(\d+) non2xx=(\d+) status500=(\d+)/.exec(
    output,
  );
  if (!m) return { rps: Number.NaN, p50Ms: 0, p99Ms: 0, requests: 0, non2xx: 0, status500: 0, output };
  return {
    requests: Number(m[1]),
    rps: Number(m[2]),
    p50Ms: Number(m[3]) / 1000,
    p99Ms: Number(m[4]) / 1000,
    non2xx: Number(m[5]),
    status500: Number(m[6]),
    output,
  };
}
