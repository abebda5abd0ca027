#pragma once
// SIGINT/SIGTERM become a flag the run loop polls, so results measured so far are kept.
#include <atomic>

namespace faultline::run {

/// The signal number that asked us to stop, or 0.
std::atomic<int>& interrupt_flag() noexcept;

/// Installs handlers for SIGINT and SIGTERM that set interrupt_flag(). A second signal while
/// the first is being handled restores the default action, so a third one kills at once.
void install_interrupt_handlers();

}  // namespace faultline::run
