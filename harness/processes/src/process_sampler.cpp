#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include <faultline/processes/process_sampler.hpp>

namespace faultline::processes {
namespace {

std::optional<double> rss_of(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            double kib = 0;
            if (fields >> kib)
                return kib * 1024;
        }
    }
    return std::nullopt;
}

// utime and stime: fields 14 and 15 of /proc/PID/stat, after the ")" that ends the command.
std::optional<double> cpu_of(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double utime = 0;
    double stime = 0;
    // After ")": state is field 3, so utime (14) is the 12th from here.
    for (int i = 3; i <= 13 && fields >> field; ++i) {
    }
    if (!(fields >> utime >> stime))
        return std::nullopt;
    const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (utime + stime) / (ticks > 0 ? ticks : 100.0);
}

std::optional<double> fds_of(int pid) {
    std::error_code ec;
    std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", ec);
    if (ec)
        return std::nullopt;
    double count = 0;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec)
            return std::nullopt;
        ++count;
    }
    return count;
}

}  // namespace

std::optional<stats::process_reading> read_process(int pid) {
    auto rss = rss_of(pid);
    auto cpu = cpu_of(pid);
    auto fds = fds_of(pid);
    if (!rss || !cpu || !fds)
        return std::nullopt;
    return stats::process_reading{*rss, *cpu, *fds};
}

}  // namespace faultline::processes
