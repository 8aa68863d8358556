// The AppGenius client subcommands end to end (R-C): a real `portal serve --demo` is
// spawned, and `portal login/whoami/key/prompts/prompt get/logout` talk to it over HTTP with the
// credentials file in a temporary XDG_CONFIG_HOME.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "core/ids.hpp"

extern char** environ;

namespace portal::testing {
namespace {

namespace fs = std::filesystem;

struct Ran {
  int status = -1;
  std::string out, err;
};

class ClientCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / NewId("portal-cli");
    fs::create_directories(dir / "config");
  }
  void TearDown() override {
    if (server > 0) {
      kill(server, SIGTERM);
      waitpid(server, nullptr, 0);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::vector<std::string> Environment() const {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry(*e);
      if (!entry.starts_with("PORTAL_") && !entry.starts_with("XDG_CONFIG_HOME=")) env.push_back(entry);
    }
    env.push_back("PORTAL_ARGON2_MEMORY_KIB=19456");
    env.push_back("PORTAL_ARGON2_ITERATIONS=2");
    env.push_back("XDG_CONFIG_HOME=" + (dir / "config").string());
    return env;
  }

  pid_t Spawn(std::vector<std::string> args, const fs::path& in, const fs::path& out, const fs::path& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    // No controlling terminal: the password prompt must not block on /dev/tty.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    args.insert(args.begin(), PORTAL_BIN);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto env = Environment();
    std::vector<char*> envp;
    envp.reserve(env.size() + 1);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    EXPECT_EQ(posix_spawn(&pid, PORTAL_BIN, &actions, &attr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return pid;
  }

  static std::string Slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  Ran Run(std::vector<std::string> args, const std::string& input = "") {
    static int n = 0;
    const auto base = dir / ("run" + std::to_string(++n));
    std::ofstream(base.string() + ".in") << input;
    pid_t pid = Spawn(std::move(args), base.string() + ".in", base.string() + ".out", base.string() + ".err");
    Ran ran;
    int status = 0;
    waitpid(pid, &status, 0);
    ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    ran.out = Slurp(base.string() + ".out");
    ran.err = Slurp(base.string() + ".err");
    return ran;
  }

  // Starts `portal serve --demo`; fills url and the demo passwords by email.
  void StartDemo() {
    const auto out = dir / "serve.out";
    server = Spawn({"serve", "--demo", "--data-dir", (dir / "data").string(), "--listen", "127.0.0.1:0"}, "/dev/null",
                   out, dir / "serve.err");
    std::regex listening(R"(listening on (http://127\.0\.0\.1:\d+))");
    std::regex account(R"(demo account: role=\w+ email=(\S+) password=(\S+))");
    for (int i = 0; i < 1500 && url.empty(); ++i) {
      auto text = Slurp(out);
      std::smatch m;
      if (std::regex_search(text, m, listening) && text.find("Open http") != std::string::npos) {
        url = m[1];
        for (std::sregex_iterator it(text.begin(), text.end(), account), end; it != end; ++it) {
          passwords[(*it)[1]] = (*it)[2];
        }
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    ASSERT_FALSE(url.empty()) << Slurp(dir / "serve.err");
  }

  fs::path dir;
  pid_t server = -1;
  std::string url;
  std::map<std::string, std::string> passwords;
};

TEST_F(ClientCli, LoginPrintKeyRenderAPromptAndLogOut) {
  ASSERT_NO_FATAL_FAILURE(StartDemo());
  const std::string email = "tanaka@sample.example";

  auto before = Run({"whoami"});
  EXPECT_EQ(before.status, 1);
  EXPECT_NE(before.err.find("not logged in"), std::string::npos) << before.err;

  auto bad = Run({"login", "--url", url, "--email", email, "--password-stdin"}, "wrong password!!\n");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("portal: login: "), std::string::npos) << bad.err;

  auto login = Run({"login", "--url", url, "--email", email, "--password-stdin"}, passwords[email] + "\n");
  ASSERT_EQ(login.status, 0) << login.err;
  EXPECT_NE(login.out.find("田中 太郎"), std::string::npos) << login.out;
  const auto credentials = dir / "config" / "appgenius" / "credentials";
  ASSERT_TRUE(fs::exists(credentials));
  EXPECT_EQ(fs::status(credentials).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(Slurp(credentials).find(passwords[email]), std::string::npos);  // never the password

  auto whoami = Run({"whoami"});
  ASSERT_EQ(whoami.status, 0) << whoami.err;
  EXPECT_NE(whoami.out.find("role: User"), std::string::npos);
  EXPECT_NE(whoami.out.find("organization: 株式会社サンプル"), std::string::npos);

  // The demo user has no key (or the key endpoint is not there yet): a clear error, nothing on
  // stdout, so that `export ANTHROPIC_API_KEY=$(portal key)` cannot export garbage.
  auto key = Run({"key"});
  if (key.status == 0) {
    EXPECT_TRUE(key.out.starts_with("sk-ant-")) << key.out;
  } else {
    EXPECT_EQ(key.out, "");
    EXPECT_TRUE(key.err.starts_with("portal: ")) << key.err;
  }

  auto list = Run({"prompts", "--tag", "LPテンプレート"});
  ASSERT_EQ(list.status, 0) << list.err;
  std::smatch m;
  std::regex step3(R"((prm_\w+)\tpublic\tv1\tLP作成 \(3/3\))");
  ASSERT_TRUE(std::regex_search(list.out, m, step3)) << list.out;
  const std::string id = m[1];

  auto raw = Run({"prompt", "get", id});
  ASSERT_EQ(raw.status, 0) << raw.err;
  EXPECT_NE(raw.out.find("{{商品名}}"), std::string::npos);

  auto rendered = Run({"prompt", "get", id, "--var", "商品名=AppGenius", "--var", "フレームワーク=F", "--var", "事実=E",
                       "--var", "ターゲット=開発者"});
  ASSERT_EQ(rendered.status, 0) << rendered.err;
  EXPECT_NE(rendered.out.find("「AppGenius」"), std::string::npos) << rendered.out;
  EXPECT_EQ(rendered.out.find("{{商品名}}"), std::string::npos);
  EXPECT_NE(rendered.out.find("{{トーン}}"), std::string::npos);  // unknown stays
  EXPECT_NE(rendered.err.find("no value for トーン"), std::string::npos) << rendered.err;

  EXPECT_EQ(Run({"prompt", "get", "prm_nope"}).status, 1);
  EXPECT_EQ(Run({"prompt", "get", id, "--var", "novalue"}).status, 2);

  // An expired access token is refreshed by itself (the stored pair rotates).
  auto text = Slurp(credentials);
  text = std::regex_replace(text, std::regex(R"("accessExpiresAt":\d+)"), R"("accessExpiresAt":1)");
  std::ofstream(credentials) << text;
  auto refreshed = Run({"whoami"});
  EXPECT_EQ(refreshed.status, 0) << refreshed.err;
  EXPECT_NE(Slurp(credentials), text);

  auto logout = Run({"logout"});
  ASSERT_EQ(logout.status, 0) << logout.err;
  EXPECT_FALSE(fs::exists(credentials));
  auto after = Run({"whoami"});
  EXPECT_EQ(after.status, 1);
  EXPECT_NE(after.err.find("portal login"), std::string::npos);
}

TEST_F(ClientCli, LoginWithoutATerminalAsksForPasswordStdin) {
  auto ran = Run({"login", "--url", "http://127.0.0.1:9", "--email", "a@example.com"});
  EXPECT_EQ(ran.status, 2);
  EXPECT_NE(ran.err.find("--password-stdin"), std::string::npos) << ran.err;
  auto unreachable =
      Run({"login", "--url", "http://127.0.0.1:9", "--email", "a@example.com", "--password-stdin"}, "pw\n");
  EXPECT_EQ(unreachable.status, 1);
  EXPECT_NE(unreachable.err.find("cannot reach the portal"), std::string::npos) << unreachable.err;
}

// Another organization's public prompt title never reaches the terminal with its escape sequences
// (a clipboard write, a cleared screen). Such a title cannot be saved (400), but a database written
// before that rule (or any other source) may hold one: the CLI shows it escaped.
TEST_F(ClientCli, UntrustedTextIsPrintedWithControlCharactersVisible) {
  ASSERT_NO_FATAL_FAILURE(StartDemo());
  const std::string email = "tanaka@sample.example";
  ASSERT_EQ(Run({"login", "--url", url, "--email", email, "--password-stdin"}, passwords[email] + "\n").status, 0);
  auto list = Run({"prompts", "--tag", "LPテンプレート"});
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.out, m, std::regex(R"((prm_\w+)\tpublic\tv1\tLP作成 \(3/3\))"))) << list.out;
  const std::string id = m[1];
  const std::string sql =
      "UPDATE prompts SET title = 'Evil' || char(27) || ']52;c;aGk=' || char(7) || char(27) ||"
      " '[2J' || char(8238) || 'txt.exe' WHERE id = '" +
      id +
      "';"
      " UPDATE prompt_versions SET content = 'line1' || char(10) || char(9) || 'x' || char(27) ||"
      " '[31mred' WHERE prompt_id = '" +
      id + "';";
  // The running portal may be writing (the demo's first sync and usage collection): wait for the
  // lock as the portal itself does instead of failing at once.
  ASSERT_EQ(
      std::system(
          ("sqlite3 -cmd '.timeout 30000' " + (dir / "data" / "portal.db").string() + " \"" + sql + "\"").c_str()),
      0);

  auto shown = Run({"prompts", "--tag", "LPテンプレート"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.out.find('\x07'), std::string::npos);
  EXPECT_EQ(shown.out.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(shown.out.find("Evil\\x1B]52;c;aGk=\\x07\\x1B[2J\\u202Etxt.exe"), std::string::npos) << shown.out;
  auto content = Run({"prompt", "get", id});
  ASSERT_EQ(content.status, 0) << content.err;
  EXPECT_EQ(content.out, "line1\n\tx\\x1B[31mred\n");  // newlines and tabs stay, the escape does not
}

}  // namespace
}  // namespace portal::testing
