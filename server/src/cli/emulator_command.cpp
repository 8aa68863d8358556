// portal emulator: the built-in Anthropic Admin API emulator as a standalone server.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <sys/stat.h>
#include <boost/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "emulator/emulator.hpp"

namespace portal::cli {
namespace {

struct EmulatorFlags {
  std::string listen = "127.0.0.1:0";
  std::string latency;  // "MIN..MAX" or "N"
  std::string dump_keys;
  emulator::EmulatorOptions options;
};

bool ParseInt(std::string_view text, int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

// "HOST:PORT" (an IPv6 host in brackets) -> options.address / options.port.
void ApplyListen(const std::string& listen, emulator::EmulatorOptions& options) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) Die("--listen: expected HOST:PORT, got \"" + listen + "\"", 2);
  std::string host = listen.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  if (!ParseInt(std::string_view(listen).substr(colon + 1), port) || port > 65535) {
    Die("--listen: invalid port in \"" + listen + "\"", 2);
  }
  options.address = host.empty() ? "127.0.0.1" : host;
  options.port = static_cast<std::uint16_t>(port);
}

void ApplyLatency(const std::string& latency, emulator::EmulatorOptions& options) {
  if (latency.empty()) return;
  auto dots = latency.find("..");
  int min = 0, max = 0;
  bool ok = dots == std::string::npos ? ParseInt(latency, min) && (max = min, true)
                                      : ParseInt(std::string_view(latency).substr(0, dots), min) &&
                                            ParseInt(std::string_view(latency).substr(dots + 2), max);
  if (!ok || max < min) Die("--latency-ms: expected MIN..MAX milliseconds, got \"" + latency + "\"", 2);
  options.latency_min_ms = min;
  options.latency_max_ms = max;
}

// Writes the generated keys with their full values (0600, temp file + rename).
void DumpKeys(const std::string& path, const std::vector<emulator::EmulatedKey>& keys) {
  boost::json::array out;
  for (const auto& k : keys) {
    out.push_back({{"id", k.id},
                   {"value", k.value},
                   {"workspace_id", k.workspace_id ? boost::json::value(*k.workspace_id) : boost::json::value(nullptr)},
                   {"status", k.status},
                   {"name", k.name}});
  }
  std::string temp = path + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) Die("--dump-keys: cannot write " + temp);
    ::chmod(temp.c_str(), 0600);
    file << boost::json::serialize(out) << "\n";
    if (!file.flush()) Die("--dump-keys: cannot write " + temp);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) Die("--dump-keys: cannot rename " + temp + ": " + ec.message());
}

}  // namespace

void AddEmulatorCommand(CLI::App& app) {
  auto flags = std::make_shared<EmulatorFlags>();
  auto& o = flags->options;
  auto* command = app.add_subcommand("emulator", "Run the built-in Anthropic Admin API emulator");
  command->add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:0 = a free port)");
  command->add_option("--admin-key", o.admin_key, "the Admin API key clients must present (x-api-key or Bearer)")
      ->required()
      ->envname("PORTAL_EMULATOR_ADMIN_KEY");
  command->add_option("--state", o.state_file, "state file: loaded at start when present, saved after every change");
  command->add_option("--seed-file", o.seed_file, "JSON seed (see docs/anthropic.md); used when there is no state");
  command->add_option("--workspaces", o.workspaces, "generated workspaces (default 3)")->check(CLI::Range(0, 100));
  command->add_option("--keys", o.api_keys, "generated API keys (default 10)")->check(CLI::Range(0, 100000));
  command->add_option("--users", o.users, "generated users (default 5)")->check(CLI::Range(1, 100000));
  command->add_option("--seed", o.seed, "seed for generated data and random faults (default 1)");
  command->add_option("--latency-ms", flags->latency, "added latency per request, MIN..MAX or N milliseconds");
  command->add_option("--fault-rate", o.fault_rate, "share of requests that fail (0..1, default 0)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--faults", o.faults, "fault kinds for --fault-rate: 429,500,529,timeout,reset,truncated")
      ->delimiter(',');
  command
      ->add_option("--timeout-fault-seconds", o.timeout_fault_seconds,
                   "how long a timeout fault holds its request (default 30)")
      ->check(CLI::Range(1, 600));
  command->add_option("--dump-keys", flags->dump_keys, "write the generated keys with their full values to FILE");
  command->callback([flags] {
    ApplyListen(flags->listen, flags->options);
    ApplyLatency(flags->latency, flags->options);
    emulator::Emulator emulator(flags->options);
    if (auto started = emulator.Start(); !started) {
      Die("emulator: " + started.error().message +
          (started.error().detail.empty() ? "" : " (" + started.error().detail + ")"));
    }
    if (!flags->dump_keys.empty()) DumpKeys(flags->dump_keys, emulator.Keys());
    std::cout << "Anthropic Admin API emulator listening on " << emulator.BaseUrl() << std::endl;
    emulator.RunUntilSignalled();
  });
}

}  // namespace portal::cli
