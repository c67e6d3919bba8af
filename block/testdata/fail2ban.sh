fail2ban-client set sshd banip 45.33.1.8 45.33.1.9 185.220.101.4 2a01:4f8:10:20::7
