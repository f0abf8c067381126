-- wrk script: GET /api/search with varied real queries, k=10: one topic query per 20 Newsgroups
-- group, and 11-12 subject lines per group taken from the test split (every n-th distinct subject,
-- "Re:" and punctuation dropped, at most six words), so that the figure is not that of a handful
-- of queries whose pages sit in caches.
local queries = {
  -- one topic query per newsgroup
  "space shuttle launch orbit", "nasa mission to mars", "hockey playoffs goalie", "baseball pitcher season",
  "gun control legislation", "middle east israel arab", "jesus christ bible church", "atheism and god",
  "windows dos driver problem", "mac hardware monitor", "ibm pc scsi controller", "x window server motif",
  "graphics image format jpeg", "encryption key clipper chip", "electronics circuit voltage", "medical doctor disease",
  "car engine oil dealer", "motorcycle helmet ride", "for sale price shipping", "tax clinton government president",
  -- alt.atheism
  "about the bible quiz answers", "is morality constant was re biblical", "where are they now",
  "death penalty gulf war long", "the universe and black holes was", "logic of jesus", "david coresh is god",
  "discordian subgenius books addresses etc", "genocide is caused by theism evidence", "burden of proof",
  "poisoning the well was islamic genocide",
  -- comp.graphics
  "quicktime performance was re rumours about", "research positions in 3d graphics munich",
  "lasergraphics language", "any autodesk 3d concepts users out", "source code help on ip packages",
  "human head modeling software", "ftp site with gifs", "pov ray for vax computer", "spline fit",
  "ftp site for pov files", "svga hicolor", "optimizing projections",
  -- comp.os.ms-windows.misc
  "why is my mouse so jumpy", "windows zip unzip", "more cool bmp files", "codabar font",
  "where to put my swap file", "wfworkgroups server goes deaf", "postscript to bmp conversion",
  "using mouse in dos window", "questions about dos external join command", "diamond stealth",
  "mac disks in windows", "head to head win and",
  -- comp.sys.ibm.pc.hardware
  "com ports", "cpu temperature vs cpu activity", "g2k jumbo backup problems", "netware server 286a and",
  "need info on wd7000", "vcpi memory standard", "delayed write caches", "upgrading an xt",
  "ibm colordisplay for 3270pc", "ez scan ii model", "vs vesa and", "joystick again",
  -- comp.sys.mac.hardware
  "spigot on lc iii", "good hard disk driver for non", "imagewriter ii problem", "what needed for cd rom on",
  "number for applied engineering", "inexpensive frame grabbers for macs", "iisi clock poll results long",
  "disk mount problems", "monitors kept on hrs day long", "apple new keybd", "psi modem problem ii",
  "where can buy new lcii",
  -- comp.windows.x
  "server scanline padding question", "cannot create plane window summary", "x11r5 support for 386i gx",
  "malloc problem", "axe is available", "animation with xputimage",
  "scientific graphing looking for run time", "looking for windows on pc long", "blinking cursor in xterm",
  "terminal faq", "any free servers for pcs", "whats vendorshellwidgetclass",
  -- misc.forsale
  "maxtor info needed was re unix", "for sale pontiac grand prix se", "fs drum acc analog synth computer",
  "honda accord for sale", "desert storm cards for sale", "9600bps external modem",
  "wanted playboy campus girls issues", "for sale", "snes games forsale", "sams auctionless comic sale",
  "tapes for sale each ppd", "mac lcii for sale",
  -- rec.autos
  "auto air conditioning without freon", "nissan nomenclature was re manual shift", "help with buick regal",
  "choice of gauges", "comparing saabs bmw", "mbenz bmw question", "old corvettes low insurance and corvette",
  "emergency brake on nissan maxima", "review audi s4 quattro", "too fast", "mr2 seats for sale",
  "question about integra auto box",
  -- rec.motorcycles
  "your opinion and what it means", "type spesifications cb vfr gt etc", "max handling request",
  "cb750 with flames out the exhaust", "starting trouble cbr600f2", "dod confessional", "volvo attack",
  "maxima chain wax and mail order", "yamaha locks was cobra lock", "first bike and wheelies",
  "wanted uk bmw r80 insurance tips", "maxima chain wax wheelies",
  -- rec.sport.baseball
  "braves giants", "phils spot on espn", "the real way to speed up", "harry caray", "bitmaps of team logos",
  "yanks royals box score", "bob dylan baseball abstract", "football vs baseball was game length",
  "winfield spot on the all time", "kevin mitchell does it again", "rules on line",
  "juan gonzalez hr title not real",
  -- rec.sport.hockey
  "don cherry help me out here", "buffalo boston defense", "montreal versue quebec", "wings will win",
  "goalie masks", "espn sucks ot or baseball guess", "cbc canadian for espn", "ahl playoff results thurs fri",
  "pilon bites", "usenet playoff pool game standings", "now if espn wanted to show", "leafs vs wings",
  -- sci.crypt
  "why the clipper algorithm is secret", "overreacting was re once tapped your",
  "screw the people crypto is for", "secret algorithm re clipper chip and",
  "info on mathematics of encryption wanted", "program eurocrypt may lofthus norway", "is this overreaction",
  "jerry berman on pseudonymous privacy", "pgp where to get it", "is it illegal to transmit encrypted",
  "fifth amendment and passwords", "subliminal channels in dss",
  -- sci.electronics
  "ir remote control receiver", "flexible solar cells", "packet radio on the pc", "radar detector detectors",
  "wd as moisture repellant was lead", "mk3801 data needed", "cellular antennas",
  "how do you build neural networks", "asynchronous receiver recommendations",
  "help looking for oscilloscope source", "vga circuit", "hd tv sound systems",
  -- sci.med
  "candida yeast bloom fact or fiction", "adenocarcinoma of the lungs", "use of haldol and the elderly",
  "tick fever aka rocky mtn spotted", "occupational injuries and disease workers memorial", "hip replacement",
  "persistent vs chronic", "results of gusto heart attack study", "should be angry at this doctor",
  "what bone scan", "need values for aorta", "sleep the pulse of relaxation roaming",
  -- sci.space
  "help viewing voyager cd roms on", "historic shuttle flights", "long term space voyanges and effect",
  "tsniimach enterprise", "see mir in evening skies tell", "political banner in space", "galileo update",
  "deployable space dock", "space spinn offs", "kaliningrad was tsniimach enterprise", "aurora gif request",
  "who is henry spencer anyway",
  -- soc.religion.christian
  "2nd cfv soc religion islam ahmadiyya", "why do people become atheists", "christianity and repeated lives",
  "ontological argument", "christianity in crisis by hank hanegraaff", "jacob and esau",
  "mormon beliefs about children born out", "accepting jeesus in your heart", "knights of columbus",
  "quit smoking", "christian homosexuality part of", "acta sanctorum in english",
  -- talk.politics.guns
  "atf burns dividian ranch update", "need senate bill numbers and house", "feds caught in another lie",
  "gun control who needs it", "analysis of second amendment was re", "the ballad of david koresh",
  "slick rushie tries to have it", "news says batf indictment warrant unsealed", "nra commercial",
  "starting my letter writing campaign", "children firearm etc injury articles wanted",
  "bennett banned bayonet",
  -- talk.politics.mideast
  "freedom in", "there was no ex soviet armenian", "strictly speaking",
  "accounts of anti armenian human right", "dicknose profile", "labour enclaves policy important",
  "israel not an apartheid state", "and not only had many moslems", "egyptian arrested after mock threat to",
  "reflections on bosnia owen neier", "upi does it again two israelis", "arab assoc nazareth",
  -- talk.politics.misc
  "limiting govt was re employment was", "bill targets pension funds for liberation",
  "study after study re are americans", "suffer the little children was welcome", "cus health the big secret",
  "to be or not to be", "stimulus legislation", "once more into the breach", "cus health how compares",
  "waco burning", "major burger chain offers", "waco investigation",
  -- talk.religion.misc
  "new religion forming sign up", "christian meta ethics", "waco information accuracy", "to rob lanphier",
  "apr god promise in proverbs", "evolution as fact and theory", "why did they behave as they",
  "what is christian was re davidians", "peace run", "branch athiests cult was rawlins debunks",
  "cybele and transgender sexualism", "the laws of god was re",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]:gsub(" ", "+")
  -- rerank=none: the Hamming search every figure in docs/BENCHMARKS.md measures, whatever the
  -- server's server.rerank (bench/rerank_cost.py measures the re-rank's cost)
  return wrk.format("GET", "/api/search?k=10&rerank=none&q=" .. q)
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d\nerrors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("throughput %.0f req/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
