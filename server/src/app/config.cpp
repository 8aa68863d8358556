#include "app/config.hpp"

#include "core/net.hpp"
#include "domain/anthropic_connection.hpp"

#include <toml++/toml.h>
#include <charconv>
#include <filesystem>

extern char** environ;

namespace portal::app {
namespace {

Result<int> ParseInt(const std::string& source, const std::string& text, int min, int max) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Fail(Error::InvalidArgument(source + ": expected a whole number from " + std::to_string(min) + " to " +
                                       std::to_string(max) + ", got '" + text + "'"));
  }
  return value;
}

Result<bool> ParseBool(const std::string& source, const std::string& text) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off" || text.empty()) return false;
  return Fail(Error::InvalidArgument(source + ": expected true or false, got '" + text + "'"));
}

struct Key {
  const char* toml;
  const char* env;
};

// Applies one textual setting (from the file or the environment) to the config.
Status Apply(Config& config, const std::string& key, const std::string& source, const std::string& value) {
  auto set_int = [&](int& field, int min, int max) -> Status {
    auto parsed = ParseInt(source, value, min, max);
    if (!parsed) return Fail(parsed.error());
    field = *parsed;
    return {};
  };
  auto set_bool = [&](bool& field) -> Status {
    auto parsed = ParseBool(source, value);
    if (!parsed) return Fail(parsed.error());
    field = *parsed;
    return {};
  };
  if (key == "listen")
    config.listen = value;
  else if (key == "data_dir")
    config.data_dir = value;
  else if (key == "database_url")
    config.database_url = value;
  else if (key == "master_key_file")
    config.master_key_file = value;
  else if (key == "jwt_key_file")
    config.jwt_key_file = value;
  else if (key == "web_dir")
    config.web_dir = value;
  else if (key == "log_level")
    config.log_level = value;
  else if (key == "demo")
    return set_bool(config.demo);
  else if (key == "secure_cookies")
    return set_bool(config.secure_cookies);
  else if (key == "public_url")
    config.public_url = value;
  else if (key == "trusted_proxies")
    config.trusted_proxies = value;
  else if (key == "metrics_token")
    config.metrics_token = value;
  else if (key == "metrics_listen")
    config.metrics_listen = value;
  else if (key == "tls_cert_file")
    config.tls_cert_file = value;
  else if (key == "tls_key_file")
    config.tls_key_file = value;
  else if (key == "io_threads")
    return set_int(config.io_threads, 0, 256);
  else if (key == "worker_threads")
    return set_int(config.worker_threads, 0, 1024);
  else if (key == "database_pool_size")
    return set_int(config.database_pool_size, 1, 512);
  else if (key == "access_token_ttl_seconds")
    return set_int(config.access_token_ttl_seconds, 60, 3600);
  else if (key == "refresh_token_ttl_days")
    return set_int(config.refresh_token_ttl_days, 1, 365);
  else if (key == "argon2_memory_kib")
    return set_int(config.argon2_memory_kib, 19456, 4 * 1024 * 1024);
  else if (key == "argon2_iterations")
    return set_int(config.argon2_iterations, 2, 100);
  else if (key == "hash_concurrency")
    return set_int(config.hash_concurrency, 0, 256);
  else if (key == "hash_queue")
    return set_int(config.hash_queue, 0, 10000);
  else if (key == "anthropic_base_url")
    config.anthropic_base_url = value;
  else if (key == "anthropic_allow_link_local")
    return set_bool(config.anthropic_allow_link_local);
  else if (key == "anthropic_timeout_seconds")
    return set_int(config.anthropic_timeout_seconds, 1, 600);
  else if (key == "sync_interval_minutes")
    return set_int(config.sync_interval_minutes, 0, 7 * 24 * 60);
  else if (key == "usage_after_sync")
    return set_bool(config.usage_after_sync);
  else
    return Fail(Error::InvalidArgument(source + ": unknown setting"));
  return {};
}

constexpr const char* kKeys[] = {"listen",
                                 "data_dir",
                                 "database_url",
                                 "master_key_file",
                                 "jwt_key_file",
                                 "web_dir",
                                 "log_level",
                                 "demo",
                                 "secure_cookies",
                                 "public_url",
                                 "trusted_proxies",
                                 "metrics_token",
                                 "metrics_listen",
                                 "tls_cert_file",
                                 "tls_key_file",
                                 "io_threads",
                                 "worker_threads",
                                 "database_pool_size",
                                 "access_token_ttl_seconds",
                                 "refresh_token_ttl_days",
                                 "argon2_memory_kib",
                                 "argon2_iterations",
                                 "hash_concurrency",
                                 "hash_queue",
                                 "anthropic_base_url",
                                 "anthropic_allow_link_local",
                                 "anthropic_timeout_seconds",
                                 "sync_interval_minutes",
                                 "usage_after_sync"};

std::string EnvName(std::string_view key) {
  std::string name = "PORTAL_";
  for (char c : key) name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return name;
}

Status ApplyFile(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    auto where = e.source().begin;
    return Fail(Error::InvalidArgument(path + ":" + std::to_string(where.line) + ": " + std::string(e.description())));
  } catch (const std::exception& e) {
    return Fail(Error::InvalidArgument(path + ": " + e.what()));
  }
  const std::string prefix = path + ": ";
  for (const auto& [name, node] : table) {
    std::string key(name.str());
    std::string source = prefix + key;
    std::string text;
    if (auto s = node.value<std::string>())
      text = *s;
    else if (auto i = node.value<std::int64_t>())
      text = std::to_string(*i);
    else if (auto b = node.value<bool>())
      text = *b ? "true" : "false";
    else if (const auto* array = node.as_array()) {
      // trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]
      for (const auto& item : *array) {
        auto element = item.value<std::string>();
        if (!element) return Fail(Error::InvalidArgument(source + ": expected a list of strings"));
        text += (text.empty() ? "" : ",") + *element;
      }
    } else
      return Fail(Error::InvalidArgument(source + ": expected a string, number or boolean"));
    if (auto s = Apply(config, key, source, text); !s) return s;
  }
  return {};
}

Status ValidatePublicUrl(const std::string& url) {
  if (url.empty()) return {};
  auto scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  bool ok = (scheme == "https" || scheme == "http") && url.size() > scheme_end + 3 && url[scheme_end + 3] != '/' &&
            url.find_first_of(" \t\r\n?#") == std::string::npos;
  if (!ok) {
    return Fail(
        Error::InvalidArgument("public_url: expected https://HOST[:PORT][/PATH] (or http://), got '" + url + "'"));
  }
  return {};
}

Status ValidateListen(const std::string& listen, const char* name = "listen") {
  auto colon = listen.rfind(':');
  bool ok = colon != std::string::npos && colon > 0 && colon + 1 < listen.size();
  if (ok) {
    auto port = ParseInt("listen", listen.substr(colon + 1), 0, 65535);
    ok = port.has_value();
  }
  if (!ok)
    return Fail(Error::InvalidArgument(std::string(name) + ": expected HOST:PORT such as 127.0.0.1:8080, got '" +
                                       listen + "'"));
  return {};
}

}  // namespace

std::string ListenHost(const std::string& listen) { return listen.substr(0, listen.rfind(':')); }

std::uint16_t ListenPortOf(const std::string& listen) {
  return static_cast<std::uint16_t>(std::stoi(listen.substr(listen.rfind(':') + 1)));
}

std::string Config::ListenAddress() const { return ListenHost(listen); }

bool Config::ServesHttps() const { return public_url.starts_with("https://") || !tls_cert_file.empty(); }

std::uint16_t Config::ListenPort() const { return ListenPortOf(listen); }

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("PORTAL_")) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

Result<Config> LoadConfig(const ConfigFlags& flags, const std::map<std::string, std::string>& environment) {
  Config config;
  std::string file = flags.config_file;
  if (file.empty()) {
    if (auto it = environment.find("PORTAL_CONFIG"); it != environment.end()) file = it->second;
  }
  if (!file.empty()) {
    if (!std::filesystem::exists(file)) return Fail(Error::InvalidArgument("config file not found: " + file));
    if (auto s = ApplyFile(config, file); !s) return Fail(s.error());
  }
  for (const char* key : kKeys) {
    auto name = EnvName(key);
    if (auto it = environment.find(name); it != environment.end()) {
      if (auto s = Apply(config, key, name, it->second); !s) return Fail(s.error());
    }
  }
  if (flags.listen) config.listen = *flags.listen;
  if (flags.data_dir) config.data_dir = *flags.data_dir;
  if (flags.database_url) config.database_url = *flags.database_url;
  if (flags.web_dir) config.web_dir = *flags.web_dir;
  if (flags.demo) config.demo = true;

  if (auto s = ValidateListen(config.listen); !s) return Fail(s.error());
  if (!config.metrics_listen.empty()) {
    if (auto s = ValidateListen(config.metrics_listen, "metrics_listen"); !s) return Fail(s.error());
  }
  if (auto s = ValidatePublicUrl(config.public_url); !s) return Fail(s.error());
  if (auto proxies = ParseIpNetworks(config.trusted_proxies); !proxies) {
    return Fail(Error::InvalidArgument("trusted_proxies: " + proxies.error().message));
  }
  if (!config.metrics_token.empty() && config.metrics_token.size() < 16) {
    return Fail(Error::InvalidArgument("metrics_token: use at least 16 characters"));
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return Fail(Error::InvalidArgument("tls_cert_file and tls_key_file: set both or neither"));
  }
  for (const auto& [name, path] : {std::pair<const char*, const std::string*>{"tls_cert_file", &config.tls_cert_file},
                                   {"tls_key_file", &config.tls_key_file}}) {
    if (!path->empty() && !std::filesystem::exists(*path)) {
      return Fail(Error::InvalidArgument(std::string(name) + ": no such file: " + *path));
    }
  }
  if (config.ServesHttps()) config.secure_cookies = true;
  if (config.data_dir.empty()) return Fail(Error::InvalidArgument("data_dir: must not be empty"));
  if (config.database_url.empty()) config.database_url = "sqlite:" + config.data_dir + "/portal.db";
  if (!config.database_url.starts_with("sqlite:") && !config.database_url.starts_with("postgresql://") &&
      !config.database_url.starts_with("postgres://")) {
    return Fail(Error::InvalidArgument("database_url: expected sqlite:PATH or postgresql://…"));
  }
  if (config.master_key_file.empty()) config.master_key_file = config.data_dir + "/master.key";
  if (config.jwt_key_file.empty()) config.jwt_key_file = config.data_dir + "/jwt.key";
  if (auto s = domain::ValidateAnthropicBaseUrl(config.anthropic_base_url, config.anthropic_allow_link_local); !s) {
    return Fail(Error::InvalidArgument("anthropic_base_url: " + s.error().message));
  }
  if (config.log_level != "debug" && config.log_level != "info" && config.log_level != "warn" &&
      config.log_level != "error") {
    return Fail(
        Error::InvalidArgument("log_level: expected debug, info, warn or error, got '" + config.log_level + "'"));
  }
  return config;
}

}  // namespace portal::app
