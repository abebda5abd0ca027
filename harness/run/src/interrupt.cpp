#include <csignal>

#include <faultline/run/interrupt.hpp>

namespace faultline::run {
namespace {
std::atomic<int> flag{0};

extern "C" void on_signal(int signal_number) {
    if (flag.load() != 0)
        std::signal(signal_number, SIG_DFL);
    flag.store(signal_number);
}
}  // namespace

std::atomic<int>& interrupt_flag() noexcept {
    return flag;
}

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

}  // namespace faultline::run
