#include <charconv>
#include <cstdlib>
#include <random>
#include <thread>

#include <faultline/test/support.hpp>

namespace faultline::test {

std::uint16_t free_port() {
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

bool run_until(asio::io_context& ioc, const std::function<bool()>& done,
               std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(5));
    }
    return done();
}

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

temp_dir::temp_dir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("faultline-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("could not create a temporary folder");
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::uint64_t test_seed() {
    if (const char* env = std::getenv("FAULTLINE_TEST_SEED"))
        return std::strtoull(env, nullptr, 10);
    return 20261123;
}

std::string built_program(const std::string& name) {
    // All executables of a build land in one folder (CMAKE_RUNTIME_OUTPUT_DIRECTORY), so the
    // test's own folder is the default; FAULTLINE_BIN_DIR overrides it.
    if (const char* dir = std::getenv("FAULTLINE_BIN_DIR"))
        return std::string(dir) + "/" + name;
    return (std::filesystem::read_symlink("/proc/self/exe").parent_path() / name).string();
}

std::uint16_t port_of(const std::string& host_port) {
    const auto colon = host_port.rfind(':');
    if (colon == std::string::npos)
        return 0;
    unsigned port = 0;
    const char* first = host_port.data() + colon + 1;
    const auto [end, ec] = std::from_chars(first, host_port.data() + host_port.size(), port);
    return ec == std::errc{} && port <= 65535 ? static_cast<std::uint16_t>(port) : 0;
}

}  // namespace faultline::test
