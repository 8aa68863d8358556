#pragma once
// Runs the `portal` binary (PORTAL_BIN, defined by the test target) as an operator would: each
// process with a clean PORTAL_* environment, its stdout and stderr in files, killed at the end.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/ids.hpp"

extern char** environ;

namespace portal::testing {

namespace fs = std::filesystem;

struct Process {
  pid_t pid = -1;
  std::string out_file;
  std::string err_file;
  std::string Stdout() const {
    std::ifstream in(out_file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string Stderr() const {
    std::ifstream in(err_file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

class PortalProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / NewId("portal-proc");
    fs::create_directories(dir);
  }
  void TearDown() override {
    for (auto pid : running) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  Process Spawn(std::vector<std::string> args, std::vector<std::string> env = {}) {
    static int counter = 0;
    Process p;
    p.out_file = (dir / ("out" + std::to_string(++counter))).string();
    p.err_file = p.out_file + ".err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, p.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, p.err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    args.insert(args.begin(), PORTAL_BIN);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment;
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::string(*e).rfind("PORTAL_", 0) != 0) environment.emplace_back(*e);
    }
    environment.emplace_back("PORTAL_ARGON2_MEMORY_KIB=19456");
    environment.emplace_back("PORTAL_ARGON2_ITERATIONS=2");
    for (auto& e : env) environment.push_back(e);
    std::vector<char*> envp;
    for (auto& e : environment) envp.push_back(e.data());
    envp.push_back(nullptr);
    int rc = posix_spawn(&p.pid, PORTAL_BIN, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0);
    running.push_back(p.pid);
    return p;
  }

  int Wait(Process& p, std::chrono::seconds limit = std::chrono::seconds(30)) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(p.pid, &status, WNOHANG) == p.pid) {
        std::erase(running, p.pid);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

  int Run(std::vector<std::string> args, std::vector<std::string> env, Process& p) {
    p = Spawn(std::move(args), std::move(env));
    return Wait(p);
  }

  // Waits for the "listening on http://127.0.0.1:PORT" line; returns the base URL.
  std::string WaitListening(const Process& p) {
    std::regex listening(R"(listening on (http://127\.0\.0\.1:\d+))");
    for (int i = 0; i < 1500; ++i) {
      std::smatch m;
      auto out = p.Stdout();
      if (std::regex_search(out, m, listening)) return m[1];
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the portal did not start: " << p.Stderr();
    return {};
  }

  fs::path dir;
  std::vector<pid_t> running;
};

}  // namespace portal::testing
