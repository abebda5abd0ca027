#pragma once
/// A loopback echo server (the far end of proxy tests) on its own thread and port.
#include <faultline/test/loopback_server.hpp>

namespace faultline::test {

/// Echoes every byte back; when the client half-closes, echoes what is left and half-closes too.
/// Counts connections that end with a reset. Listens on 127.0.0.1 port 0 until destroyed.
class echo_server : public loopback_server {
public:
    echo_server() : loopback_server(behaviour::echo) {}
};

}  // namespace faultline::test
