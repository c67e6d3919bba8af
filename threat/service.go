package threat

// Program names, as an event's Service field and the match.service key of
// a rule set spell the program that wrote a log line.
const (
	ProgramHTTP     = "http"
	ProgramSSHD     = "sshd"
	ProgramPostfix  = "postfix"
	ProgramDovecot  = "dovecot"
	ProgramFail2ban = "fail2ban"
	ProgramCSV      = "csv"
	ProgramDropbear = "dropbear"
	ProgramExim     = "exim"
	ProgramSendmail = "sendmail"
	ProgramCourier  = "courier"
	ProgramCyrus    = "cyrus"
	// ProgramNginxMail is nginx's mail proxy (IMAP, POP3, SMTP).
	ProgramNginxMail = "nginx_mail"
	ProgramVsftpd    = "vsftpd"
	ProgramProftpd   = "proftpd"
	ProgramPureFTPd  = "pure-ftpd"
	// ProgramFirewall is a packet filter's log: netfilter (iptables,
	// nftables, ufw, firewalld) and pf.
	ProgramFirewall = "firewall"
	// ProgramCowrie is the Cowrie SSH and Telnet honeypot, ProgramEndlessh
	// the Endlessh SSH tarpit.
	ProgramCowrie   = "cowrie"
	ProgramEndlessh = "endlessh"
	// Applications whose failed logins are read: MySQL and MariaDB, the
	// Asterisk VoIP server, Roundcube webmail, Gitea and Forgejo, Grafana,
	// Vaultwarden, Home Assistant, Samba, OpenVPN, Proxmox VE, Webmin and
	// Nextcloud; ProgramPAM is PAM's failure line from any other program
	// (cockpit, login, …).
	ProgramMySQL         = "mysql"
	ProgramAsterisk      = "asterisk"
	ProgramRoundcube     = "roundcube"
	ProgramGitea         = "gitea"
	ProgramGrafana       = "grafana"
	ProgramVaultwarden   = "vaultwarden"
	ProgramHomeAssistant = "homeassistant"
	ProgramSamba         = "samba"
	ProgramOpenVPN       = "openvpn"
	ProgramProxmox       = "proxmox"
	ProgramWebmin        = "webmin"
	ProgramNextcloud     = "nextcloud"
	ProgramPAM           = "pam"
	// More of them (Drupal, phpMyAdmin, xinetd, wu-ftpd, Horde, Monit,
	// Apache Guacamole), and two port-scan detectors whose every alert is
	// a scan (PortSentry, scanlogd).
	ProgramDrupal     = "drupal"
	ProgramPhpMyAdmin = "phpmyadmin"
	ProgramXinetd     = "xinetd"
	ProgramPortsentry = "portsentry"
	ProgramScanlogd   = "scanlogd"
	ProgramWuftpd     = "wu-ftpd"
	ProgramHorde      = "horde"
	ProgramMonit      = "monit"
	ProgramGuacamole  = "guacamole"
	// And Jellyfin, Authelia, Keycloak and MongoDB.
	ProgramJellyfin = "jellyfin"
	ProgramAuthelia = "authelia"
	ProgramKeycloak = "keycloak"
	ProgramMongoDB  = "mongodb"
	// And the FreeSWITCH VoIP server, the ejabberd XMPP server and the
	// Mumble server (Murmur).
	ProgramFreeSWITCH = "freeswitch"
	ProgramEjabberd   = "ejabberd"
	ProgramMurmur     = "murmur"
	ProgramSOGo       = "sogo" // the SOGo groupware
	// And SQL Server, and Windows logons (the Security log's events 4625
	// and 4624, forwarded to syslog).
	ProgramMSSQL   = "mssql"
	ProgramWindows = "windows"
	// And hosting panels, webmail and consoles, mail gateways, a proxy
	// and a game server with logs of their own; Suhosin's alerts are
	// attacks on PHP applications.
	ProgramBitwarden    = "bitwarden"
	ProgramSuhosin      = "suhosin"
	ProgramDirectAdmin  = "directadmin"
	ProgramFroxlor      = "froxlor"
	ProgramCentreon     = "centreon"
	ProgramTine20       = "tine20"
	ProgramSquirrelMail = "squirrelmail"
	ProgramOpenWebMail  = "openwebmail"
	ProgramMonitorix    = "monitorix"
	ProgramASSP         = "assp"
	ProgramDomino       = "domino"
	ProgramKerio        = "kerio"
	ProgramOracleIMS    = "oracle-ims"
	ProgramSRCDS        = "srcds"
	Program3proxy       = "3proxy"
	ProgramRouterOS     = "routeros" // MikroTik's, through syslog
	// And more mail servers: UW IMAP, the perdition proxy, solid-pop3d.
	ProgramUWIMAP    = "uw-imap"
	ProgramPerdition = "perdition"
	ProgramSolidPOP3 = "solid-pop3d"
	// And GitLab, NRPE, NSD, ZNC, SoftEther VPN, macOS screen sharing,
	// stunnel and qmail.
	ProgramGitLab        = "gitlab"
	ProgramNRPE          = "nrpe"
	ProgramNSD           = "nsd"
	ProgramZNC           = "znc"
	ProgramSoftEther     = "softether"
	ProgramScreenSharing = "screensharing"
	ProgramStunnel       = "stunnel"
	ProgramQmail         = "qmail"
	ProgramCPanel        = "cpanel" // the hosting panel's logins (cpaneld, whostmgrd, webmaild)
	ProgramSlapd         = "slapd"  // the OpenLDAP server
	ProgramPostgres      = "postgresql"
	ProgramLFD           = "lfd" // ConfigServer's login failure daemon (csf)
	ProgramFortiGate     = "fortigate"
	ProgramSynology      = "synology" // DSM's logins
	ProgramArr           = "arr"      // Sonarr, Radarr, Lidarr, Readarr, Prowlarr
	ProgramExchange      = "exchange" // Microsoft Exchange's SMTP, IMAP and POP3 servers
	ProgramSSHGuard      = "sshguard"
	ProgramPfSense       = "pfsense"     // pfSense's and OPNsense's web configurator
	ProgramIDS           = "ids"         // a network intrusion detection system's alerts: Suricata, Snort
	ProgramDante         = "dante"       // the Dante SOCKS server
	ProgramMosquitto     = "mosquitto"   // the Mosquitto MQTT broker
	ProgramPaperless     = "paperless"   // Paperless-ngx
	ProgramGophernicus   = "gophernicus" // the Gophernicus Gopher server
	ProgramMattermost    = "mattermost"
	ProgramLibreswan     = "libreswan"   // Libreswan's IKE daemon, pluto
	ProgramKubernetes    = "kubernetes"  // the Kubernetes API server's audit log
	ProgramAWS           = "aws"         // AWS CloudTrail: console sign-ins
	ProgramAmavis        = "amavis"      // amavisd-new, the mail content filter
	ProgramNamed         = "named"       // BIND, the name server
	ProgramEmby          = "emby"        // Emby media server
	ProgramOmbi          = "ombi"        // Ombi
	ProgramImmich        = "immich"      // Immich photo library
	ProgramOverseerr     = "overseerr"   // Overseerr and Jellyseerr
	ProgramHarbor        = "harbor"      // the Harbor container registry
	ProgramAdGuard       = "adguardhome" // AdGuard Home
	ProgramRedmine       = "redmine"     // Redmine
	ProgramTeleport      = "teleport"    // Teleport
	ProgramZimbra        = "zimbra"      // Zimbra
	ProgramZoneMinder    = "zoneminder"  // ZoneMinder
	ProgramNavidrome     = "navidrome"   // Navidrome
	ProgramElasticpot    = "elasticpot"  // the Elasticpot Elasticsearch honeypot
	ProgramStalwart      = "stalwart"    // the Stalwart mail server
	ProgramMeshCentral   = "meshcentral" // the MeshCentral remote management server
	ProgramTheHive       = "thehive"     // TheHive, the incident response platform
	ProgramAxigen        = "axigen"      // the Axigen mail server
	ProgramSSHesame      = "sshesame"    // the sshesame SSH honeypot
)

// Service is the kind of login a user name was tried on.
type Service uint8

// Services whose user names a report tabulates.
const (
	SSH Service = iota
	Mail
	OtherService

	// NumServices is the number of services; valid values are below it.
	NumServices = int(OtherService) + 1
)

var serviceNames = [NumServices]string{"SSH", "Mail", "Other"}

// String returns the service's name as printed in tables: "SSH", "Mail"
// or "Other".
func (s Service) String() string {
	if int(s) < NumServices {
		return serviceNames[s]
	}
	return "service"
}

// ServiceOf groups the program that logged an authentication event: sshd
// and dropbear are SSH; postfix, dovecot, exim, sendmail, courier, cyrus and
// nginx's mail proxy are mail; anything else (HTTP logins, FTP, fail2ban)
// is other.
func ServiceOf(program string) Service {
	switch program {
	case ProgramSSHD, ProgramDropbear:
		return SSH
	case ProgramPostfix, ProgramDovecot, ProgramExim, ProgramSendmail, ProgramCourier, ProgramCyrus, ProgramNginxMail,
		ProgramASSP, ProgramDomino, ProgramKerio, ProgramOracleIMS, ProgramUWIMAP, ProgramPerdition, ProgramSolidPOP3,
		ProgramQmail, ProgramExchange:
		return Mail
	}
	return OtherService
}
