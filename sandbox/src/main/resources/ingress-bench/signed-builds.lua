-- wrk script of `sandbox ingress-bench`: every request is a build event signed as a repository's pipeline signs it,
-- with a delivery id of its own (pre-signed by the bench: wrk has no HMAC). Arguments after `--`:
--   <file of "delivery timestamp signature" lines> <credential> <threads> <body file> <requests/s of this thread, 0: no timetable>
-- With a rate, each thread sends on a fixed timetable (an arrival every 1/rate s), on whichever connection is free:
-- a slow answer does not slow the arrivals; a thread with no free connection falls behind, and the rate wrk reports
-- says so.
-- It has no response() hook: with one, wrk copies every answer's headers and body into a Lua table, CPU taken from the
-- cores the edge shares with it. The bench counts the answers by status from the edge's own metrics instead; wrk
-- counts those of 400 and above itself ("Non-2xx or 3xx responses").
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } switchback_timeval;
int gettimeofday(switchback_timeval *tv, void *tz);
]]
local clock = ffi.new("switchback_timeval")
local threads = {}

local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local credential = args[2]
  local count = tonumber(args[3])
  local f = assert(io.open(args[4], "rb"))
  local body = f:read("*a")
  f:close()
  entries = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % count == id then
      entries[#entries + 1] = line
    end
    i = i + 1
  end
  presigned = #entries
  local rate = tonumber(args[5])
  interval = rate > 0 and 1000 / rate or 0
  slot = 0
  sent = 0
  -- the request around the three headers that change, built once (what wrk.format would build on every request)
  head = "POST /v1/builds HTTP/1.1\r\nHost: " .. wrk.headers["Host"] .. "\r\nContent-Type: application/json\r\n"
      .. "Content-Length: " .. #body .. "\r\nX-Switchback-Credential: " .. credential
      .. "\r\nX-Switchback-Delivery: "
  timestamp = "\r\nX-Switchback-Timestamp: "
  signature = "\r\nX-Switchback-Signature-256: sha256="
  tail = "\r\n\r\n" .. body
end

function request()
  sent = sent + 1
  local delivery, ts, sig = entries[((sent - 1) % presigned) + 1]:match("^(%S+) (%S+) (%S+)$")
  return head .. delivery .. timestamp .. ts .. signature .. sig .. tail
end

function delay()
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  slot = math.max(now, slot + interval)
  return math.floor(slot - now)
end

function done(summary, latency, requests)
  local sentAll, presignedAll = 0, 0
  for _, t in ipairs(threads) do
    sentAll = sentAll + t:get("sent")
    presignedAll = presignedAll + t:get("presigned")
  end
  io.write(string.format("bench: sent %d presigned %d\n", sentAll, presignedAll))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("bench: p%s %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
