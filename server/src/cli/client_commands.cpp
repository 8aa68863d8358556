// The AppGenius client subcommands (R-C, docs/client-api.md): login, whoami, key, prompts,
// prompt get, logout. They speak only the portal's public HTTP API (cli/client_session.hpp).
#include <termios.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/client_session.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/text.hpp"

namespace portal::cli {
namespace json = boost::json;
namespace {

struct ClientArgs {
  std::string url;
  std::string email;
  bool password_stdin = false;
  std::string q, category, tag;
  std::string prompt_id;
  std::vector<std::string> vars;
};

std::string Str(const json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

// A field of the portal's answer as this terminal may show it: names and titles come from other
// people, so control and bidi characters are shown as escapes (text/VisibleText).
std::string Shown(const json::value& v, std::string_view key, bool keep_newlines = false) {
  return VisibleText(Str(v, key), keep_newlines);
}

json::value ParseOrDie(const HttpReply& reply) {
  boost::system::error_code ec;
  auto v = json::parse(reply.body, ec);
  if (ec) Die("the portal sent an unreadable answer");
  return v;
}

// GET/POST as the stored user; dies with the API's message unless the status is `ok`.
json::value CallOrDie(const std::string& method, const std::string& path, const std::string& body = {}, long ok = 200) {
  auto reply = AuthedCall(method, path, body);
  if (!reply) Die(reply.error().message);
  if (reply->status != ok) Die(ApiFailure(*reply).message);
  return ParseOrDie(*reply);
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string ReadLine(std::FILE* in) {
  std::string line;
  for (int c = std::fgetc(in); c != EOF && c != '\n'; c = std::fgetc(in)) line += static_cast<char>(c);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Asks on the terminal itself (not stdin/stdout, which may be redirected), echo off.
std::string AskPasswordOnTerminal() {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (!tty) Die("no terminal to ask the password on; pipe it in with --password-stdin", 2);
  const int fd = ::fileno(tty);
  termios saved{};
  const bool is_tty = ::tcgetattr(fd, &saved) == 0;
  std::fputs("Password: ", tty);
  std::fflush(tty);
  if (is_tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string password = ReadLine(tty);
  if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &saved);
  std::fputs("\n", tty);
  std::fclose(tty);
  return password;
}

void RunLogin(const ClientArgs& args) {
  std::string email = args.email;
  if (email.empty()) {
    if (args.password_stdin) Die("login: give --email with --password-stdin", 2);
    std::cerr << "Email: " << std::flush;
    email = ReadLine(stdin);
  }
  std::string password = args.password_stdin ? ReadLine(stdin) : AskPasswordOnTerminal();
  if (email.empty() || password.empty()) Die("login: email and password are required", 2);
  auto user = Login(args.url, email, password);
  std::fill(password.begin(), password.end(), '\0');
  if (!user) Die("login: " + user.error().message);
  std::string organization = Shown((*user)["organization"], "name");
  std::cout << "Logged in as " << Shown(*user, "name") << " <" << Shown(*user, "email") << "> (" << Shown(*user, "role")
            << (organization.empty() ? "" : ", " + organization) << ")\n";
}

void RunWhoami() {
  auto me = CallOrDie("GET", "/api/v1/me");
  std::cout << Shown(me, "name") << " <" << Shown(me, "email") << ">\n";
  std::cout << "role: " << Shown(me, "role") << "\n";
  const auto& o = me.as_object();
  std::string organization = o.contains("organization") ? Shown(o.at("organization"), "name") : "";
  std::cout << "organization: " << (organization.empty() ? "-" : organization) << "\n";
  const auto* key = o.if_contains("apiKey");
  std::cout << "api key: " << (key && key->is_object() ? Shown(*key, "hint") + " (" + Shown(*key, "status") + ")" : "-")
            << "\n";
}

void RunKey() {
  auto reply = AuthedCall("GET", "/api/v1/me/api-key");
  if (!reply) Die(reply.error().message);
  if (reply->status == 404) {
    Die("no API key is available for you (" + ApiFailure(*reply).message +
        "); ask your portal administrator to assign one");
  }
  if (reply->status != 200) Die(ApiFailure(*reply).message);
  auto value = Str(ParseOrDie(*reply), "value");
  if (value.empty()) Die("the portal sent no key value");
  std::cout << value << "\n";  // only the value: export ANTHROPIC_API_KEY=$(portal key)
}

void RunPrompts(const ClientArgs& args) {
  std::string query = "?limit=500";
  if (!args.q.empty()) query += "&q=" + UrlEncode(args.q);
  if (!args.category.empty()) query += "&category=" + UrlEncode(args.category);
  if (!args.tag.empty()) query += "&tag=" + UrlEncode(args.tag);
  std::string cursor;
  int shown = 0;
  do {
    auto page = CallOrDie("GET", "/api/v1/prompts" + query + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)));
    for (const auto& item : page.at("items").as_array()) {
      std::string vars;
      for (const auto& v : item.at("variables").as_array())
        vars += (vars.empty() ? "" : ", ") + VisibleText(v.as_string());
      std::cout << Shown(item, "id") << "\t" << Shown(item, "visibility") << "\tv" << item.at("version").as_int64()
                << "\t" << Shown(item, "title") << (vars.empty() ? "" : "\t{" + vars + "}") << "\n";
      ++shown;
    }
    cursor = Str(page, "nextCursor");
  } while (!cursor.empty());
  if (shown == 0) std::cerr << "no prompts\n";
}

void RunPromptGet(const ClientArgs& args) {
  const std::string path = "/api/v1/prompts/" + UrlEncode(args.prompt_id);
  if (args.vars.empty()) {
    std::cout << Shown(CallOrDie("GET", path), "content", true) << "\n";
    return;
  }
  json::object variables;
  for (const auto& pair : args.vars) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) Die("prompt get: --var takes NAME=VALUE, got '" + pair + "'", 2);
    variables[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  auto rendered = CallOrDie("POST", path + "/render", json::serialize(json::object{{"variables", variables}}));
  std::cout << Shown(rendered, "content", true) << "\n";
  std::string missing;
  for (const auto& name : rendered.at("missing").as_array()) {
    missing += (missing.empty() ? "" : ", ") + VisibleText(name.as_string());
  }
  if (!missing.empty()) std::cerr << "portal: warning: no value for " << missing << "\n";
}

void RunLogout() {
  if (auto done = Logout(); !done) Die("logout: " + done.error().message);
  std::cout << "Logged out\n";
}

}  // namespace

void AddClientCommands(CLI::App& app) {
  auto args = std::make_shared<ClientArgs>();
  auto* login =
      app.add_subcommand("login", "Log in to a portal as a client tool (keeps the session in ~/.config/appgenius)");
  login->add_option("--url", args->url, "portal base URL, e.g. https://portal.example.com")->required();
  login->add_option("--email", args->email, "your email (asked when omitted)");
  login->add_flag("--password-stdin", args->password_stdin, "read the password from standard input");
  login->callback([args] { RunLogin(*args); });

  app.add_subcommand("whoami", "Show the logged-in user")->callback([] { RunWhoami(); });
  app.add_subcommand("key", "Print your own API key value (export ANTHROPIC_API_KEY=$(portal key))")->callback([] {
    RunKey();
  });

  auto* prompts = app.add_subcommand("prompts", "List the prompts you may use");
  prompts->add_option("--q", args->q, "search in title, description and content");
  prompts->add_option("--category", args->category, "only this category");
  prompts->add_option("--tag", args->tag, "only prompts with this tag");
  prompts->callback([args] { RunPrompts(*args); });

  auto* prompt = app.add_subcommand("prompt", "Work with one prompt");
  prompt->require_subcommand(1);
  auto* get = prompt->add_subcommand("get", "Print a prompt; with --var, rendered (counts a use)");
  get->add_option("id", args->prompt_id, "prompt id (prm_…)")->required();
  get->add_option("--var", args->vars, "NAME=VALUE for {{NAME}} (repeatable)");
  get->callback([args] { RunPromptGet(*args); });

  app.add_subcommand("logout", "End the session and forget the stored tokens")->callback([] { RunLogout(); });
}

}  // namespace portal::cli
