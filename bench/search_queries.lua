-- wrk script: GET /api/search with varied real queries (20 Newsgroups topics), k=10.
local queries = {
  "space shuttle launch orbit", "nasa mission to mars", "hockey playoffs goalie", "baseball pitcher season",
  "gun control legislation", "middle east israel arab", "jesus christ bible church", "atheism and god",
  "windows dos driver problem", "mac hardware monitor", "ibm pc scsi controller", "x window server motif",
  "graphics image format jpeg", "encryption key clipper chip", "electronics circuit voltage", "medical doctor disease",
  "car engine oil dealer", "motorcycle helmet ride", "for sale price shipping", "tax clinton government president",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]:gsub(" ", "+")
  return wrk.format("GET", "/api/search?k=10&q=" .. q)
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("throughput %.0f req/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
