// portal serve: runs the portal until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/systemd_notify.hpp"

namespace portal::cli {

void AddServeCommand(CLI::App& app) {
  auto flags = std::make_shared<app::ConfigFlags>();
  auto* command = app.add_subcommand("serve", "Run the portal (HTTP API and web app)");
  AddDatabaseFlags(*command, *flags);
  command->add_option_function<std::string>(
      "--listen", [flags](const std::string& v) { flags->listen = v; },
      "HOST:PORT (PORTAL_LISTEN, default 127.0.0.1:8080)");
  command->add_option_function<std::string>(
      "--web-dir", [flags](const std::string& v) { flags->web_dir = v; }, "built web app (default web/dist)");
  command->add_flag("--demo", flags->demo, "create demo organizations and accounts and print their passwords");
  command->callback([flags] {
    // SIGINT/SIGTERM wait (blocked, in every thread started from here) until RunUntilSignalled
    // handles them: one that arrives while the portal starts or has just announced itself stops
    // it gracefully instead of killing it.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    auto config = LoadConfigOrExit(*flags);
    auto portal = app::Portal::Open(config);
    if (!portal)
      Die(portal.error().message + (portal.error().detail.empty() ? "" : " (" + portal.error().detail + ")"));
    std::vector<app::DemoAccount> accounts;
    if (config.demo) {
      auto seeded = (*portal)->SeedDemo();
      if (!seeded) Die("demo data: " + seeded.error().message + " " + seeded.error().detail);
      accounts = std::move(*seeded);
    }
    if (auto started = (*portal)->Start(); !started) Die(started.error().message);
    const char* scheme = config.tls_cert_file.empty() ? "http://" : "https://";
    std::cout << "AppGenius Portal listening on " << scheme << config.ListenAddress() << ":" << (*portal)->Port()
              << " (database: " << (*portal)->Store().Backend() << ")\n";
    if (!accounts.empty()) {
      std::cout << "Demo accounts (passwords are new at every start and shown only here):\n";
      for (const auto& a : accounts) {
        std::cout << "demo account: role=" << a.role << " email=" << a.email << " password=" << a.password << "\n";
      }
      std::cout << "Open " << scheme << config.ListenAddress() << ":" << (*portal)->Port()
                << " and log in with one of them.\n";
    }
    std::cout.flush();
    NotifySystemd("READY=1\nSTATUS=serving on " + config.listen);
    (*portal)->RunUntilSignalled();
  });
}

}  // namespace portal::cli
