#include "process_runner.hpp"

#include <csignal>
#include <fstream>
#include <thread>

#include <boost/process.hpp>
#include <sys/wait.h>

#include <faultline/test/support.hpp>

namespace bp = boost::process;

namespace faultline::test {
namespace {
std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

process_result run_process(const std::string& program, const std::vector<std::string>& args,
                           std::chrono::milliseconds limit,
                           const std::optional<signal_on_output>& trigger) {
    temp_dir dir;
    const auto log = dir.path() / "output.txt";
    bp::child child(program, bp::args(args), (bp::std_out & bp::std_err) > log.string(),
                    bp::std_in < bp::null);
    process_result result;
    const auto until = std::chrono::steady_clock::now() + limit;
    bool signalled = false;
    std::error_code ec;
    while (child.running(ec)) {
        if (std::chrono::steady_clock::now() >= until) {
            result.timed_out = true;
            child.terminate(ec);
            break;
        }
        if (trigger && !signalled && read_file(log).find(trigger->text) != std::string::npos) {
            ::kill(child.id(), trigger->signal);
            signalled = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    child.wait(ec);
    const int status = child.native_exit_code();
    result.exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    result.output = read_file(log);
    return result;
}

}  // namespace faultline::test
