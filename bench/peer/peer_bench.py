"""DRA against its Python peer, Scrapy + trafilatura, on the same simulated portal.

Run by scripts/peer-bench.sh, which makes the virtual environment (requirements.txt)
and builds dra. One simulated portal (`dra portalsim`) serves every side; each round
runs every side once, the order rotated round by round:

  dra-crawl     `dra crawl --once` (robots.txt, WARC archive, crawl state and
                publishing on an embedded NATS server), the whole process
  scrapy-crawl  a Scrapy spider following the same listing and article links,
                same requests at once per host, robots.txt obeyed, no extraction
  dra-run       `dra run` from start until every article is searchable (crawl,
                extraction, indexing into the embedded Bleve index)
  scrapy-traf   the Scrapy spider extracting every article with trafilatura
                and writing it to a JSON lines file

and the extraction alone, page by page, on the same saved article pages:
`dra bench-extract` against trafilatura.extract in this process.

It prints one table: each side's median, and the min / median / max over the rounds
of DRA's figure over the peer's of the same round. Body F1 is a bag-of-words F1 of
each article's extracted body against the body the simulator wrote (its --truth
record), averaged over an even sample of the portal's articles (--f1-articles; an
article not extracted scores 0), from the first round of each end-to-end side.
"""

import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# --- the spider (run in a child process: python peer_bench.py spider ...) ---


def run_spider(args):
    import scrapy
    from scrapy.crawler import CrawlerProcess

    listing, article = re.compile(args.listing), re.compile(args.article)
    stats = {"pages": 0, "articles": 0, "extract_seconds": 0.0}
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    if args.extract:
        import trafilatura

    class Portal(scrapy.Spider):
        name = "portal"
        start_urls = [args.base + "/"]

        def parse(self, response):
            stats["pages"] += 1
            if article.match(response.url):
                stats["articles"] += 1
                if args.extract:
                    t0 = time.perf_counter()
                    body = trafilatura.extract(response.text, url=response.url)
                    stats["extract_seconds"] += time.perf_counter() - t0
                    out.write(json.dumps({"url": response.url, "body": body or ""}, ensure_ascii=False) + "\n")
            for href in response.css("a::attr(href)").getall():
                u = response.urljoin(href).split("#", 1)[0]
                if listing.match(u) or article.match(u):
                    yield response.follow(u, self.parse)

    process = CrawlerProcess(settings={
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": args.parallelism,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.parallelism,
        "DOWNLOAD_DELAY": 0,
        "TELNETCONSOLE_ENABLED": False,
    })
    start = time.perf_counter()
    process.crawl(Portal)
    process.start()
    stats["seconds"] = time.perf_counter() - start
    if out:
        out.close()
    print(json.dumps(stats))


# --- the harness ---


def child_cpu(pid):
    """CPU seconds of a running process (user + system), from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_measured(cmd):
    """Run cmd to its end; return (stdout, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} {cmd[1]} exited {p.returncode}:\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, wall, cpu


def tokens(text):
    return re.findall(r"\w+", (text or "").lower())


def f1(got, want):
    from collections import Counter
    g, w = Counter(tokens(got)), Counter(tokens(want))
    common = sum((g & w).values())
    if common == 0:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def mean_f1(bodies, truth):
    return statistics.fmean(f1(bodies.get(u, ""), t["body"]) for u, t in truth.items())


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    """GET url as JSON; a 429 (the API's rate limit) waits as told and tries again."""
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise
            time.sleep(float(e.headers.get("Retry-After") or 1))
    raise OSError(f"{url}: still rate limited")


class Bench:
    def __init__(self, a, work):
        self.a, self.work = a, work
        self.sources = os.path.join(work, "sources.yaml")
        truth_file = os.path.join(work, "truth.jsonl")
        self.portal = subprocess.Popen(
            [a.dra, "portalsim", "--district", a.district, "--articles", str(a.articles), "--page-size", "50",
             "--parallelism", str(a.parallelism), "--sources", self.sources, "--truth", truth_file],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.portal.stdout.readline().split()
        if len(line) != 3 or line[0] != "portal":
            sys.exit(f"dra portalsim: unexpected output {line}")
        self.base = line[2]
        while not os.path.exists(truth_file) or os.path.getsize(truth_file) == 0:
            time.sleep(0.05)
        time.sleep(0.2)  # the truth file is written whole before the wait
        self.truth = {}
        with open(truth_file, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)
                self.truth[t["url"]] = t
        # Body F1 is scored on an even sample of the articles (the API that
        # serves DRA's bodies is rate limited).
        urls = sorted(self.truth)
        step = max(1, len(urls) // a.f1_articles)
        self.sample = {u: self.truth[u] for u in urls[::step]}
        self.listing = self.pattern("listing_pattern")
        self.article = self.pattern("article_pattern")
        self.f1 = {}

    def pattern(self, key):
        with open(self.sources, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.strip().partition(": ")
                if k == key:
                    v = v.strip()
                    if v[:1] in "'\"":
                        v = v[1:-1].replace("''", "'")
                    return v
        sys.exit(f"no {key} in {self.sources}")

    def close(self):
        self.portal.send_signal(signal.SIGTERM)
        self.portal.wait(timeout=30)

    def fresh(self, name):
        d = os.path.join(self.work, name)
        shutil.rmtree(d, ignore_errors=True)
        return d

    # Each side returns a dict of figures.

    def dra_crawl(self, r):
        out, wall, cpu = run_measured([self.a.dra, "crawl", "--once", "--nats-url", "", "--sources", self.sources,
                                       "--data-dir", self.fresh("dra-crawl"), "--log-level", "warn"])
        pages = int(re.search(r"(\d+) pages fetched", out).group(1))
        return {"pages/s": pages / wall, "cpu-s": cpu, "pages": pages}

    def spider(self, extract, out_file=""):
        cmd = [sys.executable, os.path.abspath(__file__), "spider", "--base", self.base, "--listing", self.listing,
               "--article", self.article, "--parallelism", str(self.a.parallelism)]
        if extract:
            cmd += ["--extract", "--out", out_file]
        out, wall, cpu = run_measured(cmd)
        return json.loads(out.strip().splitlines()[-1]), wall, cpu

    def scrapy_crawl(self, r):
        st, wall, cpu = self.spider(False)
        return {"pages/s": st["pages"] / wall, "cpu-s": cpu, "pages": st["pages"]}

    def dra_run(self, r):
        port = free_port()
        api = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        p = subprocess.Popen([self.a.dra, "run", "--sources", self.sources, "--data-dir", self.fresh("dra-run"),
                              "--crawl-interval", "0", "--http-addr", f"127.0.0.1:{port}", "--log-level", "warn"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        want, total = len(self.truth), -1
        try:
            deadline = start + self.a.timeout
            while total < want:
                if time.perf_counter() > deadline or p.poll() is not None:
                    sys.exit(f"dra run: {total} of {want} articles searchable, exit {p.poll()}")
                try:
                    total = get_json(api + "/api/v1/search?q=&size=1")["total"]
                except OSError:
                    pass
                if total < want:
                    time.sleep(0.1)  # within the API's rate limit
            wall = time.perf_counter() - start
            cpu = child_cpu(p.pid)
            if "dra" not in self.f1:  # once: the sample's bodies as indexed
                bodies = {}
                hits = get_json(api + f"/api/v1/export/search?format=json&limit={want}")["hits"]
                ids = {h["url"]: h["id"] for h in hits}
                for u in self.sample:
                    if u in ids:
                        bodies[u] = get_json(api + "/api/v1/articles/" + ids[u])["body"]
                self.f1["dra"] = mean_f1(bodies, self.sample)
        finally:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        return {"articles/s": want / wall, "cpu-s": cpu}

    def scrapy_traf(self, r):
        out_file = os.path.join(self.work, "scrapy-items.jsonl")
        st, wall, cpu = self.spider(True, out_file)
        if "peer" not in self.f1:
            bodies = {}
            with open(out_file, encoding="utf-8") as f:
                for line in f:
                    it = json.loads(line)
                    bodies[it["url"]] = it["body"]
            self.f1["peer"] = mean_f1(bodies, self.sample)
        return {"articles/s": st["articles"] / wall, "cpu-s": cpu}

    def save_pages(self):
        d = self.fresh("pages")
        os.makedirs(d)
        files = []
        for i, u in enumerate(list(self.truth)[: self.a.extract_pages]):
            with urllib.request.urlopen(u, timeout=30) as r:
                data = r.read()
            fn = os.path.join(d, f"{i}.html")
            with open(fn, "wb") as f:
                f.write(data)
            files.append(fn)
        return files

    def dra_extract(self, files):
        out, _, _ = run_measured([self.a.dra, "bench-extract", *files])
        secs = [json.loads(line)["seconds"] for line in out.splitlines()]
        return {"s/page": sum(secs) / len(secs)}

    def traf_extract(self, files):
        import trafilatura
        pages = []
        for fn in files:
            with open(fn, "rb") as f:
                pages.append(f.read().decode("utf-8", "replace"))
        t0 = time.perf_counter()
        for page in pages:
            trafilatura.extract(page)
        return {"s/page": (time.perf_counter() - t0) / len(pages)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd")
    sp = sub.add_parser("spider")
    sp.add_argument("--base", required=True)
    sp.add_argument("--listing", required=True)
    sp.add_argument("--article", required=True)
    sp.add_argument("--parallelism", type=int, default=16)
    sp.add_argument("--extract", action="store_true")
    sp.add_argument("--out", default="")
    ap.add_argument("--dra", default="bin/dra", help="the dra binary")
    ap.add_argument("--articles", type=int, default=5000, help="articles of the simulated portal")
    ap.add_argument("--district", default="sontay")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--parallelism", type=int, default=16, help="requests at once per host, both sides")
    ap.add_argument("--extract-pages", type=int, default=300, help="article pages of the extraction comparison")
    ap.add_argument("--f1-articles", type=int, default=300, help="articles whose body F1 is scored (an even sample)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds dra run may take to make every article searchable")
    ap.add_argument("--work", default="", help="working directory (default: a temporary one, removed)")
    a = ap.parse_args()
    if a.cmd == "spider":
        run_spider(a)
        return
    work = a.work or tempfile.mkdtemp(prefix="dra-peer-")
    os.makedirs(work, exist_ok=True)
    b = Bench(a, work)
    try:
        bench(a, b)
    finally:
        b.close()
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


def bench(a, b):
    print(f"portal: {b.base}, {len(b.truth)} articles, {a.parallelism} requests at once per host, {a.rounds} rounds, "
          f"{os.cpu_count()} CPUs", flush=True)
    sides = [("dra-crawl", b.dra_crawl), ("scrapy-crawl", b.scrapy_crawl), ("dra-run", b.dra_run),
             ("scrapy-traf", b.scrapy_traf)]
    res = {n: [] for n, _ in sides}
    files = b.save_pages()
    ext = {"dra": [], "traf": []}
    for r in range(a.rounds):
        for k in range(len(sides)):
            name, fn = sides[(k + r) % len(sides)]
            res[name].append(fn(r))
            print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.4g}" for k, v in res[name][-1].items()), flush=True)
        order = [("dra", b.dra_extract), ("traf", b.traf_extract)]
        for name, fn in order[r % 2:] + order[: r % 2]:
            ext[name].append(fn(files))
    rows = [
        ("crawl pages/s", res["dra-crawl"], res["scrapy-crawl"], "pages/s", False, ""),
        ("crawl CPU seconds", res["dra-crawl"], res["scrapy-crawl"], "cpu-s", False, ""),
        ("end to end articles/s", res["dra-run"], res["scrapy-traf"], "articles/s", False, ">= 3x"),
        ("end to end CPU seconds", res["dra-run"], res["scrapy-traf"], "cpu-s", False, ""),
        ("extraction s/page", ext["dra"], ext["traf"], "s/page", False, ""),
    ]
    print()
    print(f"{'figure':<24} {'DRA (median)':>14} {'peer (median)':>14}   {'DRA / peer  min / median / max':<32} target")
    for title, d, p, key, _, target in rows:
        ratios = [x[key] / y[key] for x, y in zip(d, p)]
        dm, pm = statistics.median(x[key] for x in d), statistics.median(y[key] for y in p)
        print(f"{title:<24} {dm:>14.4g} {pm:>14.4g}   {min(ratios):.3f} / {statistics.median(ratios):.3f} / "
              f"{max(ratios):.3f}{'':<10} {target}")
    print(f"{'body F1 vs the truth':<24} {b.f1['dra']:>14.3f} {b.f1['peer']:>14.3f}   "
          f"{b.f1['dra'] / b.f1['peer']:.3f} (first round, {len(b.sample)} articles)")
    print("peer: Scrapy + trafilatura (versions in bench/peer/requirements.txt); CPU seconds are the whole "
          "process's, start-up included; the extraction rows time the extraction alone on "
          f"{len(files)} saved article pages")


if __name__ == "__main__":
    main()
