#pragma once
// The systemd readiness protocol (sd_notify(3)) without libsystemd: when $NOTIFY_SOCKET is set
// (a unit with Type=notify), one datagram such as "READY=1" is sent to it. No-op otherwise.

#include <string_view>

namespace portal::cli {

// False only when $NOTIFY_SOCKET is set and the message could not be sent.
bool NotifySystemd(std::string_view state);

}  // namespace portal::cli
