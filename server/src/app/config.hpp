#pragma once
// The portal's configuration: defaults < TOML file (--config) < environment (PORTAL_*) < flags.
// docs/portal.example.toml documents every key, its variable and its default.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace portal::app {

struct Config {
  std::string listen = "127.0.0.1:8080";  // listen / PORTAL_LISTEN / --listen
  std::string data_dir = "data";          // data_dir / PORTAL_DATA_DIR / --data-dir
  std::string database_url;               // database_url / PORTAL_DATABASE_URL; default sqlite:<data_dir>/portal.db
  std::string master_key_file;            // master_key_file / PORTAL_MASTER_KEY_FILE; default <data_dir>/master.key
  std::string jwt_key_file;               // jwt_key_file / PORTAL_JWT_KEY_FILE; default <data_dir>/jwt.key
  std::string web_dir;                    // web_dir / PORTAL_WEB_DIR; default: web/dist if present
  std::string log_level = "info";         // log_level / PORTAL_LOG_LEVEL
  bool demo = false;                      // demo / PORTAL_DEMO / --demo
  bool secure_cookies = false;            // secure_cookies / PORTAL_SECURE_COOKIES (implied by an https public_url)
  // Behind a reverse proxy (docs/deploy.md): the address users open, and the peers whose
  // X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated CIDRs; empty = none).
  std::string public_url;       // public_url / PORTAL_PUBLIC_URL, e.g. https://portal.example.co.jp
  std::string trusted_proxies;  // trusted_proxies / PORTAL_TRUSTED_PROXIES, e.g. "127.0.0.1, 10.0.0.0/8"
  // /metrics: with a token, only `Authorization: Bearer <token>` may read it; with a listen
  // address, it is served there and not on `listen`; with neither, only loopback clients may.
  std::string metrics_token;   // metrics_token / PORTAL_METRICS_TOKEN (16+ characters)
  std::string metrics_listen;  // metrics_listen / PORTAL_METRICS_LISTEN, HOST:PORT
  // HTTPS served by the portal itself, for small installs without a proxy (PEM; both or neither).
  std::string tls_cert_file;           // tls_cert_file / PORTAL_TLS_CERT_FILE
  std::string tls_key_file;            // tls_key_file / PORTAL_TLS_KEY_FILE
  int io_threads = 0;                  // io_threads / PORTAL_IO_THREADS (0 = all cores)
  int worker_threads = 0;              // worker_threads / PORTAL_WORKER_THREADS (0 = max(4, 2 × cores))
  int database_pool_size = 8;          // database_pool_size / PORTAL_DATABASE_POOL_SIZE
  int access_token_ttl_seconds = 600;  // access_token_ttl_seconds / PORTAL_ACCESS_TOKEN_TTL_SECONDS
  int refresh_token_ttl_days = 30;     // refresh_token_ttl_days / PORTAL_REFRESH_TOKEN_TTL_DAYS
  int argon2_memory_kib = 19456;       // argon2_memory_kib / PORTAL_ARGON2_MEMORY_KIB (floor 19456)
  int argon2_iterations = 2;           // argon2_iterations / PORTAL_ARGON2_ITERATIONS (floor 2)
  int hash_concurrency = 0;            // hash_concurrency / PORTAL_HASH_CONCURRENCY (0 = cores)
  int hash_queue = 32;                 // hash_queue / PORTAL_HASH_QUEUE
  // The Admin API's address (a stored baseUrl setting wins) and the periodic sync.
  std::string anthropic_base_url = "https://api.anthropic.com";  // anthropic_base_url / PORTAL_ANTHROPIC_BASE_URL
  bool anthropic_allow_link_local = false;  // a base URL may point at 169.254.0.0/16, fe80::/10 or a metadata host
  int anthropic_timeout_seconds = 60;       // anthropic_timeout_seconds: one request, connect to last byte
  int sync_interval_minutes = 10;           // sync_interval_minutes / PORTAL_SYNC_INTERVAL_MINUTES (0 = off)
  bool usage_after_sync = true;             // usage_after_sync: collect usage and cost after each sync

  std::string ListenAddress() const;  // "127.0.0.1"
  std::uint16_t ListenPort() const;   // 8080
  // Clients reach the portal over https: an https public_url, or TLS served by the portal itself
  // (then cookies are Secure and HSTS is sent).
  bool ServesHttps() const;
};

// "HOST:PORT" (validated by LoadConfig) split in two.
std::string ListenHost(const std::string& listen);
std::uint16_t ListenPortOf(const std::string& listen);

// Values given on the command line (unset = not given).
struct ConfigFlags {
  std::string config_file;
  std::optional<std::string> listen;
  std::optional<std::string> data_dir;
  std::optional<std::string> database_url;
  std::optional<std::string> web_dir;
  bool demo = false;
};

// Loads and validates. Errors are one clear line (kInvalidArgument), e.g.
// "PORTAL_LISTEN: expected HOST:PORT, got 'abc'".
Result<Config> LoadConfig(const ConfigFlags& flags, const std::map<std::string, std::string>& environment);
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace portal::app
