# Shared by the bench scripts (source it).

# wait_listening FILE: waits (up to 20 s) for a portal's "listening on" line in its stdout file.
wait_listening() {
  for _ in $(seq 1 400); do grep -q "listening on" "$1" && return 0; sleep 0.05; done
  echo "bench: the portal did not start" >&2
  return 1
}

# demo_admin_login FILE BASE_URL: logs in as the demo Admin whose account the portal printed to FILE;
# sets login_body (the login request) and token (an access token).
demo_admin_login() {
  local line email password
  line=$(grep -m1 'role=Admin' "$1")
  email=$(sed -E 's/.*email=([^ ]+).*/\1/' <<<"$line")
  password=$(sed -E 's/.*password=([^ ]+).*/\1/' <<<"$line")
  login_body="{\"email\":\"$email\",\"password\":\"$password\",\"client\":\"cli\"}"
  token=$(curl -sf -H 'Content-Type: application/json' -d "$login_body" "$2/api/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
}
