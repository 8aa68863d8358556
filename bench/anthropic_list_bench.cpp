// bench_anthropic_list [keys ...]: lists every API key (and workspace) of an Admin API emulator
// holding N keys and 100 workspaces through AnthropicAdminClient over real HTTP on 127.0.0.1,
// and prints wall time, pages, requests and peak RSS. Default N: 10000 then 100000.
// The emulator runs in a forked child so that the client's peak RSS is measured on its own
// (the emulator's is printed too, from RUSAGE_CHILDREN). The client streams pages, so its
// memory should stay flat whatever N is.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "anthropic/client.hpp"
#include "emulator/emulator.hpp"

namespace {

constexpr char kAdminKey[] = "sk-ant-admin01-bench";

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long PeakRssKb(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_maxrss;
}

// Child: start the emulator, report its port on `port_out`, serve until `stop_in` closes.
[[noreturn]] void ServeEmulator(int keys, int workspaces, int port_out, int stop_in) {
  portal::emulator::EmulatorOptions options;
  options.admin_key = kAdminKey;
  options.api_keys = keys;
  options.workspaces = workspaces;
  options.users = 20;
  options.access_log = false;
  portal::emulator::Emulator emulator(options);
  std::uint16_t port = 0;
  if (auto started = emulator.Start(); started) {
    port = emulator.Port();
  } else {
    std::fprintf(stderr, "emulator: %s\n", started.error().detail.c_str());
  }
  if (write(port_out, &port, sizeof port) != static_cast<ssize_t>(sizeof port)) std::_Exit(1);
  char byte = 0;
  while (read(stop_in, &byte, 1) > 0) {
  }
  emulator.Stop();
  std::_Exit(0);
}

int Run(int keys, int workspaces) {
  using Clock = std::chrono::steady_clock;
  int port_pipe[2];
  int stop_pipe[2];
  if (pipe(port_pipe) != 0 || pipe(stop_pipe) != 0) return 1;
  const auto seed_begin = Clock::now();
  const pid_t child = fork();
  if (child < 0) return 1;
  if (child == 0) {
    close(port_pipe[0]);
    close(stop_pipe[1]);
    ServeEmulator(keys, workspaces, port_pipe[1], stop_pipe[0]);
  }
  close(port_pipe[1]);
  close(stop_pipe[0]);
  std::uint16_t port = 0;
  if (read(port_pipe[0], &port, sizeof port) != static_cast<ssize_t>(sizeof port) || port == 0) return 1;
  close(port_pipe[0]);
  const double seed_s = std::chrono::duration<double>(Clock::now() - seed_begin).count();

  portal::anthropic::AnthropicAdminClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(port);
  options.admin_key = kAdminKey;
  portal::anthropic::AnthropicAdminClient client(options);
  const long rss_before = PeakRssKb(RUSAGE_SELF);

  std::size_t listed = 0;
  std::size_t pages = 0;
  const double cpu_before = CpuSeconds();
  const auto begin = Clock::now();
  auto status = client.ForEachApiKey({}, [&](std::span<const portal::domain::ApiKey> page) -> portal::Status {
    listed += page.size();
    ++pages;
    return {};
  });
  const double keys_s = std::chrono::duration<double>(Clock::now() - begin).count();
  const double keys_cpu_s = CpuSeconds() - cpu_before;
  const auto key_requests = client.RequestsSent();

  std::size_t listed_workspaces = 0;
  const auto ws_begin = Clock::now();
  if (status) {
    status = client.ForEachWorkspace({true}, [&](std::span<const portal::domain::Workspace> page) -> portal::Status {
      listed_workspaces += page.size();
      return {};
    });
  }
  const double ws_s = std::chrono::duration<double>(Clock::now() - ws_begin).count();

  close(stop_pipe[1]);
  int child_status = 0;
  waitpid(child, &child_status, 0);
  if (!status) {
    std::fprintf(stderr, "listing failed: %s (%s)\n", status.error().message.c_str(), status.error().detail.c_str());
    return 1;
  }
  std::printf(
      "keys=%d: listed %zu in %zu pages, %llu requests, %.3f s (%.0f keys/s, client CPU %.3f s); workspaces: %zu in "
      "%.3f s, %llu "
      "request(s); client peak RSS %ld KiB (before listing %ld KiB); emulator peak RSS %ld KiB, start %.2f s\n",
      keys, listed, pages, static_cast<unsigned long long>(key_requests), keys_s, static_cast<double>(listed) / keys_s,
      keys_cpu_s, listed_workspaces, ws_s, static_cast<unsigned long long>(client.RequestsSent() - key_requests),
      PeakRssKb(RUSAGE_SELF), rss_before, PeakRssKb(RUSAGE_CHILDREN), seed_s);
  std::fflush(stdout);
  return listed == static_cast<std::size_t>(keys) ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {10'000, 100'000};
  int rc = 0;
  for (int keys : sizes) rc |= Run(keys, 100);
  return rc;
}
