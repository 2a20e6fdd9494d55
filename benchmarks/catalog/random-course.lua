-- wrk script: every request opens a course page picked at random from a list of slugs (one per line), so nearly every
-- request misses the output cache and pays the full server rendering.
-- Usage: wrk -t2 -c64 -d15s --latency -s benchmarks/catalog/random-course.lua http://127.0.0.1:5099 -- /tmp/kh-slugs.txt
local slugs = {}

function init(args)
  for line in io.lines(args[1]) do slugs[#slugs + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", "/courses/" .. slugs[math.random(#slugs)])
end
