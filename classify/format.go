package classify

import (
	"fmt"
	"strings"
)

// Format is a log format: an index into the format table. The zero value,
// FormatAuto, detects the format of each file from its first lines, and of
// any line that does not parse as its file's format (so a file that mixes
// formats still classifies).
type Format uint8

// The formats callers name in code. Every format, these and any other row
// of the table, is also reachable by name through ParseFormat.
const (
	FormatAuto        Format = iota
	FormatAccess             // Apache/nginx combined, common, vhost_combined; optional trailing X-Forwarded-For
	FormatApacheError        // Apache 2.2/2.4 error log
	FormatNginxError         // nginx error log
	FormatSyslog             // syslog and journal lines from sshd, PAM, mail and FTP daemons
	FormatFail2ban           // fail2ban.log (Found / Ban lines)
	FormatCSV                // the events CSV (time,ip,threat[,risk,rule,source])
)

// formatDef is one row of the format table.
type formatDef struct {
	name    string
	aliases []string // other names ParseFormat accepts
	// detect reports whether a line has this format's shape. It must be
	// cheap (a few byte comparisons, at most one address parse) and must
	// not claim lines of the rows above it.
	detect func(line []byte) bool
	// parse reads line into r (already reset), returning what became of
	// it. It sets everything but r.format.
	parse func(p *lineParser, line []byte, r *record, fc *fileCtx) lineResult
	// request marks a format whose lines are HTTP requests: they count
	// towards the flood threshold.
	request bool
}

// formatTable lists every format. Adding one is a file with its detect and
// parse functions plus a row here; detection tries the rows in order, so a
// format whose lines another row also claims goes above it. A line its
// first claimant does not read is tried as every other row that claims it
// (and a wrapped line likewise), the best reading kept.
var formatTable = [...]formatDef{
	FormatAuto: {name: "auto"},
	FormatAccess: {name: "access", aliases: []string{"combined", "common", "vhost_combined", "apache", "nginx", "clf"},
		detect: isAccessLine, parse: (*lineParser).parseAccess},
	FormatApacheError: {name: "apache_error", aliases: []string{"error", "apache-error"},
		detect: isApacheErrorLine, parse: (*lineParser).parseApacheError},
	FormatNginxError: {name: "nginx_error", aliases: []string{"nginx-error"},
		detect: isNginxErrorLine, parse: (*lineParser).parseNginxError},
	FormatSyslog: {name: "syslog", aliases: []string{"auth", "journal", "journald", "sshd", "postfix", "dovecot", "rfc3164", "rfc5424"},
		detect: isSyslogLine, parse: (*lineParser).parseSyslog},
	FormatFail2ban: {name: "fail2ban",
		detect: isFail2banLine, parse: (*lineParser).parseFail2ban},
	FormatCSV: {name: "csv", aliases: []string{"events"},
		detect: isCSVLine, parse: (*lineParser).parseCSVLine},
	// Above exim, which claims every line that starts with an ISO time.
	{name: "axigen", aliases: []string{"axigen_everything"},
		detect: isAxigenLine, parse: (*lineParser).parseAxigenLog},
	{name: "emby", aliases: []string{"embyserver"},
		detect: isEmbyLine, parse: embyLog.parse},
	{name: "ombi",
		detect: isOmbiLine, parse: (*lineParser).parseOmbiLog},
	{name: "zimbra", aliases: []string{"zimbra_mailbox", "mailbox.log"},
		detect: isZimbraLine, parse: zimbraLog.parse},
	{name: "proftpd", aliases: []string{"proftpd_systemlog"},
		detect: isProftpdLine, parse: (*lineParser).parseProftpdLog},
	{name: "mssql", aliases: []string{"mssql_errorlog", "errorlog", "sqlserver"},
		detect: isMSSQLLine, parse: (*lineParser).parseMSSQLLog},
	{name: "postgresql", aliases: []string{"postgres", "pgsql"},
		detect: isPostgresLine, parse: (*lineParser).parsePostgresLog},
	{name: "softether", aliases: []string{"softether_vpn"},
		detect: isSoftEtherLine, parse: (*lineParser).parseSoftEtherLog},
	{name: "bitwarden", aliases: []string{"bitwarden_identity"},
		detect: isBitwardenLine, parse: (*lineParser).parseBitwardenLog},
	{name: "centreon",
		detect: centreonLog.detect, parse: centreonLog.parse},
	{name: "keycloak",
		detect: isKeycloakLine, parse: (*lineParser).parseKeycloakLog},
	{name: "lighttpd_error", aliases: []string{"lighttpd"},
		detect: isLighttpdErrorLine, parse: (*lineParser).parseLighttpdError},
	{name: "litespeed_error", aliases: []string{"litespeed", "lsws"},
		detect: isLiteSpeedLine, parse: liteSpeedLog.parse},
	{name: "freeswitch",
		detect: isFreeSWITCHLine, parse: (*lineParser).parseFreeSWITCHLog},
	{name: "ejabberd",
		detect: isEjabberdLine, parse: (*lineParser).parseEjabberdLog},
	{name: "homeassistant", aliases: []string{"home-assistant", "hass"},
		detect: isHomeAssistantLine, parse: (*lineParser).parseHomeAssistantLog},
	{name: "arr", aliases: []string{"sonarr", "radarr", "lidarr", "readarr", "prowlarr"},
		detect: isArrLine, parse: (*lineParser).parseArrLog},
	{name: "exchange_protocol", aliases: []string{"exchange_smtp", "exchange_imap", "exchange_pop", "smtpreceive"},
		detect: isExchangeLine, parse: (*lineParser).parseExchangeLog},
	// Below lighttpd_error, whose lines also start "time: ".
	{name: "gitlab", aliases: []string{"gitlab_json", "application_json"},
		detect: isGitLabLine, parse: (*lineParser).parseGitLabLog},
	{name: "exim", aliases: []string{"exim_main", "mainlog"},
		detect: isEximLine, parse: (*lineParser).parseExim},
	{name: "vsftpd", aliases: []string{"vsftpd_log"},
		detect: isVsftpdLine, parse: (*lineParser).parseVsftpdLog},
	{name: "docker", aliases: []string{"docker_json", "json-file"},
		detect: isDockerLine, parse: (*lineParser).parseDocker},
	{name: "cri", aliases: []string{"containerd", "cri-o", "kubernetes"},
		detect: isCRILine, parse: (*lineParser).parseCRI},
	{name: "caddy", aliases: []string{"caddy_json"},
		detect: isCaddyLine, parse: (*lineParser).parseCaddy, request: true},
	{name: "traefik", aliases: []string{"traefik_json"},
		detect: isTraefikLine, parse: (*lineParser).parseTraefik, request: true},
	{name: "envoy_json", aliases: []string{"istio_json"},
		detect: isEnvoyJSONLine, parse: (*lineParser).parseEnvoyJSON, request: true},
	{name: "nginx_json", aliases: []string{"ingress_nginx_json", "json_access"},
		detect: isNginxJSONLine, parse: (*lineParser).parseNginxJSON, request: true},
	{name: "cloudflare", aliases: []string{"logpush", "cloudflare_logpush"},
		detect: isCloudflareLine, parse: (*lineParser).parseCloudflare, request: true},
	{name: "envoy", aliases: []string{"istio"},
		detect: isEnvoyLine, parse: (*lineParser).parseEnvoy, request: true},
	{name: "npm", aliases: []string{"nginx_proxy_manager"},
		detect: isNPMLine, parse: (*lineParser).parseNPM, request: true},
	{name: "haproxy", aliases: []string{"haproxy_http", "haproxy_tcp"},
		detect: isHAProxyLine, parse: (*lineParser).parseHAProxy, request: true},
	{name: "alb", aliases: []string{"aws_alb", "elb", "aws_elb"},
		detect: isALBLine, parse: (*lineParser).parseALB, request: true},
	{name: "squid", aliases: []string{"squid_access"},
		detect: isSquidLine, parse: (*lineParser).parseSquid, request: true},
	{name: "w3c", aliases: []string{"iis", "exchange", "w3c_extended"},
		detect: isW3CLine, parse: (*lineParser).parseW3C, request: true},
	{name: "k8s_audit", aliases: []string{"kubernetes_audit", "kube_audit"},
		detect: isK8sAuditLine, parse: (*lineParser).parseK8sAudit},
	{name: "cloudtrail", aliases: []string{"aws_cloudtrail"},
		detect: isCloudTrailLine, parse: (*lineParser).parseCloudTrail},
	{name: "suricata_eve", aliases: []string{"eve", "eve.json", "eve_json"},
		detect: isEveLine, parse: (*lineParser).parseEveAlert},
	{name: "elasticpot", aliases: []string{"elasticpot_json"},
		detect: isElasticpotLine, parse: (*lineParser).parseElasticpot},
	{name: "cowrie_json", aliases: []string{"cowrie.json"},
		detect: isCowrieJSONLine, parse: (*lineParser).parseCowrieJSON},
	{name: "cowrie", aliases: []string{"cowrie.log"},
		detect: isCowrieLine, parse: (*lineParser).parseCowrie},
	{name: "endlessh",
		detect: isEndlesshLine, parse: (*lineParser).parseEndlessh},
	{name: "uwsgi", aliases: []string{"uwsgi_req"},
		detect: isUWSGILine, parse: (*lineParser).parseUWSGI, request: true},
	{name: "gunicorn", aliases: []string{"gunicorn_error"},
		detect: isGunicornErrorLine, parse: (*lineParser).parseGunicornError},
	{name: "pf", aliases: []string{"pflog", "openbsd_pf"},
		detect: isPFLine, parse: (*lineParser).parsePFLine},
	{name: "mysql_error", aliases: []string{"mysql", "mariadb", "mysqld"},
		detect: isMySQLErrorLine, parse: (*lineParser).parseMySQLError},
	{name: "asterisk", aliases: []string{"asterisk_messages"},
		detect: isAsteriskLine, parse: (*lineParser).parseAsteriskLog},
	{name: "nextcloud", aliases: []string{"nextcloud_json", "owncloud"},
		detect: isNextcloudLine, parse: (*lineParser).parseNextcloud},
	{name: "gitea", aliases: []string{"forgejo"},
		detect: isGiteaLine, parse: (*lineParser).parseGiteaLog},
	{name: "grafana",
		detect: isGrafanaLine, parse: (*lineParser).parseGrafanaLog},
	{name: "vaultwarden", aliases: []string{"bitwarden_rs"},
		detect: isVaultwardenLine, parse: (*lineParser).parseVaultwardenLog},
	{name: "jellyfin",
		detect: isJellyfinLine, parse: (*lineParser).parseJellyfinLog},
	{name: "mongodb", aliases: []string{"mongod"},
		detect: isMongoLine, parse: (*lineParser).parseMongo},
	{name: "murmur", aliases: []string{"mumble"},
		detect: isMurmurLine, parse: (*lineParser).parseMurmurLog},
	{name: "directadmin",
		detect: directAdminLog.detect, parse: directAdminLog.parse},
	{name: "squirrelmail",
		detect: squirrelLog.detect, parse: squirrelLog.parse},
	{name: "openwebmail",
		detect: isOpenWebMailLine, parse: (*lineParser).parseOpenWebMailLog},
	{name: "monitorix", aliases: []string{"monitorix-httpd"},
		detect: isMonitorixLine, parse: (*lineParser).parseMonitorixLog},
	{name: "assp",
		detect: asspLog.detect, parse: asspLog.parse},
	{name: "domino", aliases: []string{"domino-smtp"},
		detect: isDominoLine, parse: (*lineParser).parseDominoLog},
	{name: "kerio", aliases: []string{"kerio_connect"},
		detect: kerioLog.detect, parse: kerioLog.parse},
	{name: "oracle_ims", aliases: []string{"oracleims"},
		detect: isOracleIMSLine, parse: (*lineParser).parseOracleIMSLog},
	{name: "srcds", aliases: []string{"hlds", "counter-strike"},
		detect: srcdsLog.detect, parse: srcdsLog.parse},
	{name: "3proxy",
		detect: is3proxyLine, parse: (*lineParser).parse3proxyLog},
	{name: "audit", aliases: []string{"auditd", "audit.log"},
		detect: isAuditLine, parse: (*lineParser).parseAuditLog},
	{name: "fortinet", aliases: []string{"fortigate", "fortios"},
		detect: isFortinetLine, parse: (*lineParser).parseFortinetLog},
	{name: "cpanel_login", aliases: []string{"cpanel", "login_log"},
		detect: isCPanelLoginLine, parse: (*lineParser).parseCPanelLoginLog},
	{name: "znc", aliases: []string{"znc_adminlog"},
		detect: zncLog.detect, parse: zncLog.parse},
	{name: "stunnel",
		detect: stunnelLog.detect, parse: stunnelLog.parse},
	{name: "multilog", aliases: []string{"tai64n", "daemontools", "qmail"},
		detect: isMultilogLine, parse: (*lineParser).parseMultilog},
	{name: "tine20", aliases: []string{"tine"},
		detect: isTine20Line, parse: (*lineParser).parseTine20Log},
	{name: "ids_fast", aliases: []string{"fast", "fast.log", "suricata", "snort"},
		detect: isIDSFastLine, parse: (*lineParser).parseIDSFastLog},
	{name: "mosquitto",
		detect: isMosquittoLine, parse: (*lineParser).parseMosquittoLog},
	{name: "paperless", aliases: []string{"paperless-ngx", "paperless_ngx"},
		detect: paperlessLog.detect, parse: paperlessLog.parse},
	{name: "mattermost", aliases: []string{"mattermost_json"},
		detect: isMattermostLine, parse: (*lineParser).parseMattermostLog},
	{name: "fastly", aliases: []string{"fastly_json"},
		detect: isFastlyLine, parse: (*lineParser).parseFastly, request: true},
	{name: "couchdb",
		detect: isCouchDBLine, parse: (*lineParser).parseCouchDB, request: true},
	{name: "stalwart",
		detect: isStalwartLine, parse: (*lineParser).parseStalwartLog},
	{name: "thehive",
		detect: isTheHiveLine, parse: (*lineParser).parseTheHiveLog},
	{name: "windows_xml", aliases: []string{"evtx_xml", "wef"},
		detect: isWinXMLLine, parse: (*lineParser).parseWinXML},
	{name: "adguardhome", aliases: []string{"adguard"},
		detect: isAdGuardLine, parse: adGuardLog.parse},
	{name: "immich",
		detect: isImmichLine, parse: (*lineParser).parseImmichLog},
	{name: "overseerr", aliases: []string{"jellyseerr"},
		detect: isOverseerrLine, parse: (*lineParser).parseOverseerrLog},
	{name: "redmine", aliases: []string{"ruby_logger"},
		detect: isRubyLoggerLine, parse: (*lineParser).parseRedmineLog},
	{name: "teleport",
		detect: isTeleportLine, parse: (*lineParser).parseTeleportLog},
	{name: "webmin", aliases: []string{"webmin.log"},
		detect: isWebminLine, parse: (*lineParser).parseWebminLog},
	{name: "zoneminder", aliases: []string{"zm", "web_php"},
		detect: isZoneMinderLine, parse: (*lineParser).parseZoneMinderLog},
	{name: "navidrome",
		detect: isNavidromeLine, parse: (*lineParser).parseNavidromeLog},
	{name: "sshesame",
		detect: isSSHesameLine, parse: (*lineParser).parseSSHesameLog},
	{name: "bind", aliases: []string{"named", "bind9"},
		detect: isNamedLine, parse: namedLog.parse},
	{name: "monit", aliases: []string{"monit.log"},
		detect: isMonitLine, parse: (*lineParser).parseMonitLog},
	{name: "roundcube", aliases: []string{"roundcube_errors", "userlogins"},
		detect: isRoundcubeLine, parse: (*lineParser).parseRoundcubeLog},
}

// numFormats is the number of formats, FormatAuto included.
const numFormats = Format(len(formatTable))

// String returns the format's name as accepted by ParseFormat.
func (f Format) String() string {
	if f < numFormats {
		return formatTable[f].name
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat returns the format named s: one of the names Formats returns,
// or an alias such as combined, common, vhost_combined, auth, journal.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i := range formatTable {
		if formatTable[i].name == s {
			return Format(i), nil
		}
	}
	for i := range formatTable {
		for _, a := range formatTable[i].aliases {
			if a == s {
				return Format(i), nil
			}
		}
	}
	return FormatAuto, fmt.Errorf("classify: unknown format %q (want %s)", s, strings.Join(Formats(), ", "))
}

// Formats returns the names of every format, auto first.
func Formats() []string {
	out := make([]string, len(formatTable))
	for i := range formatTable {
		out[i] = formatTable[i].name
	}
	return out
}

// detectLine guesses the format of one line from its shape alone: the first
// row of the format table whose detect claims it, FormatAuto for none.
func detectLine(line []byte) Format {
	line = trimSpace(line)
	if len(line) == 0 {
		return FormatAuto
	}
	for i := 1; i < len(formatTable); i++ {
		if formatTable[i].detect(line) {
			return Format(i)
		}
	}
	return FormatAuto
}

// parseLine reads line as format f into p.rec.
func (p *lineParser) parseLine(line []byte, f Format, fc *fileCtx) lineResult {
	r := &p.rec
	if f == FormatAccess && p.recCombined && p.parseCombined(line, r) {
		// The record held only what parseCombined writes, all of which
		// it wrote again: no need to clear it first.
		return resOK
	}
	r.reset()
	p.recCombined = false
	if f == FormatAuto || f >= numFormats {
		return resMalformed
	}
	r.format = f
	if f == FormatAccess {
		if p.parseCombined(line, r) {
			p.recCombined = true
			return resOK
		}
		return p.parseAccessFull(line, r)
	}
	return formatTable[f].parse(p, line, r, fc)
}

// isISOStart reports whether line starts like "2006-01-02T" or "2006-01-02 ".
func isISOStart(line []byte) bool {
	return isDigit4(line) && len(line) > 19 && line[4] == '-' && (line[10] == 'T' || line[10] == ' ')
}

func isDigit4(b []byte) bool {
	return len(b) >= 4 && isDigit(b[0]) && isDigit(b[1]) && isDigit(b[2]) && isDigit(b[3])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isMonth(b []byte) bool { return monthIndex(b) > 0 }

// monthIndex returns 1–12 for an English month abbreviation, 0 otherwise.
func monthIndex(b []byte) int {
	if len(b) != 3 {
		return 0
	}
	switch string(b) {
	case "Jan":
		return 1
	case "Feb":
		return 2
	case "Mar":
		return 3
	case "Apr":
		return 4
	case "May":
		return 5
	case "Jun":
		return 6
	case "Jul":
		return 7
	case "Aug":
		return 8
	case "Sep":
		return 9
	case "Oct":
		return 10
	case "Nov":
		return 11
	case "Dec":
		return 12
	}
	return 0
}

// nextToken splits off the first space-separated token of b.
func nextToken(b []byte) (tok, rest []byte) {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	b = b[i:]
	j := indexByte(b, ' ')
	if j < 0 {
		return b, nil
	}
	return b[:j], b[j+1:]
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
