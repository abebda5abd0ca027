#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <faultline/core/clock.hpp>
#include <faultline/processes/process_tree.hpp>

namespace faultline::processes {
namespace {

struct proc_entry {
    pid_t ppid = 0;
    pid_t pgrp = 0;
};

// Every live process: pid -> (ppid, pgrp).
std::map<pid_t, proc_entry> all_processes() {
    std::map<pid_t, proc_entry> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const auto name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream in(entry.path() / "stat");
        std::string text;
        std::getline(in, text);
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        const auto close = text.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(text.substr(close + 1));
        std::string state;
        long ppid = 0;
        long pgrp = 0;
        if (rest >> state >> ppid >> pgrp && state != "Z")
            out[static_cast<pid_t>(std::stol(name))] = {static_cast<pid_t>(ppid),
                                                        static_cast<pid_t>(pgrp)};
    }
    return out;
}

}  // namespace

std::vector<pid_t> process_tree(pid_t root) {
    const auto processes = all_processes();
    std::vector<pid_t> tree;
    if (processes.count(root) == 0)
        return tree;
    tree.push_back(root);
    for (std::size_t i = 0; i < tree.size(); ++i) {
        for (const auto& [pid, p] : processes) {
            if (p.ppid == tree[i])
                tree.push_back(pid);
        }
    }
    for (const auto& [pid, p] : processes) {
        if (p.pgrp == root && std::find(tree.begin(), tree.end(), pid) == tree.end())
            tree.push_back(pid);
    }
    return tree;
}

std::size_t signal_all(const std::vector<pid_t>& tree, int signal) {
    std::size_t n = 0;
    for (const auto pid : tree) {
        if (::kill(pid, signal) == 0)
            ++n;
    }
    return n;
}

bool wait_exit(boost::process::child& child, std::chrono::nanoseconds timeout) {
    const auto until = clock::now() + timeout;
    std::error_code ec;
    while (child.running(ec)) {
        if (ec || clock::now() >= until)
            return !child.running(ec);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace faultline::processes
