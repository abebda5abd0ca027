// report.html in a real browser: headless Chromium (Debian's `chromium`) opens the golden run's
// report offline and must (a) paint it: the screenshot has more than 10 distinct colours, and
// pixels in the series' palette colours and in the verdict's background; (b) build a DOM with one
// chart line per workload in every chart over time; (c) log nothing to the console. Chromium 156
// logs every console message of a page, whatever its level, to stderr as
// `INFO:CONSOLE:<line>] "<message>", source: <url>` (console.error and console.log look alike),
// and report.html runs no script, so any CONSOLE line means the browser found something wrong
// (an SVG attribute it could not parse, a script error): the test fails on any of them. Two
// deliberately bad pages (a script error, a blank page) show that the checks can fail.
//
// Without chromium on PATH the case passes with a "SKIPPED" warning, unless
// FAULTLINE_REQUIRE_BROWSER is set (to anything but "" or "0"): then it fails, so CI cannot skip
// it silently.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <catch2/catch.hpp>
#include <zlib.h>

#include <faultline/report/summary_renderers.hpp>
#include <faultline/test/support.hpp>

#include "report_test_files.hpp"

using namespace std::chrono_literals;
using namespace faultline;
using report_test::golden_dir;
using report_test::read_all;
namespace bp = boost::process;

namespace {

bool browser_required() {
    const char* v = std::getenv("FAULTLINE_REQUIRE_BROWSER");
    return v != nullptr && std::string(v) != "" && std::string(v) != "0";
}

struct browser_run {
    bool timed_out = false;
    int exit_code = -1;
    std::string out;  // stdout (the DOM with --dump-dom)
    std::string err;  // stderr (chromium's log, console messages among it)
};

// One chromium process with a fresh profile and no network use; killed with its children (the
// zygote, GPU and renderer processes) after 60 s.
browser_run run_chromium(const std::string& chromium, const std::filesystem::path& work,
                         const std::vector<std::string>& extra, const std::filesystem::path& page) {
    static int runs = 0;
    const auto profile = work / ("profile-" + std::to_string(++runs));
    std::vector<std::string> args{"--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--disable-quic",
                                  "--no-first-run",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-sync",
                                  "--enable-logging=stderr",
                                  "--v=0",
                                  "--user-data-dir=" + profile.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("file://" + page.string());
    const auto out_file = work / "stdout.txt";
    const auto err_file = work / "stderr.txt";
    bp::group group;
    bp::child child(chromium, bp::args(args), bp::std_out > out_file.string(),
                    bp::std_err > err_file.string(), bp::std_in < bp::null, group);
    const auto until = std::chrono::steady_clock::now() + 60s;
    std::error_code ec;
    while (child.running(ec) && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(20ms);
    browser_run run;
    run.timed_out = child.running(ec);
    if (run.timed_out)
        group.terminate(ec);
    child.wait(ec);
    run.exit_code = child.exit_code();
    run.out = read_all(out_file);
    run.err = read_all(err_file);
    return run;
}

// chromium's log without what it says about the missing D-Bus of a container (noise).
std::string without_dbus(const std::string& log) {
    std::string kept;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (line.find("dbus") == std::string::npos && line.find("D-Bus") == std::string::npos)
            kept += line + '\n';
    return kept;
}

// Console messages and uncaught errors in chromium's log.
std::vector<std::string> console_lines(const std::string& log) {
    std::vector<std::string> found;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (line.find(":CONSOLE") != std::string::npos ||
            line.find("Uncaught") != std::string::npos)
            found.push_back(line);
    return found;
}

// --- a PNG decoder just big enough for chromium's screenshots (8-bit RGB or RGBA, no interlace)

std::uint32_t be32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
        v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
    return v;
}

int paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a);
    const int pb = std::abs(p - b);
    const int pc = std::abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

struct image {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::size_t channels = 0;
    std::vector<std::uint8_t> pixels;  // rows of width * channels bytes
};

// Reverses the per-row filters (PNG spec, section 9) in place into `out`.
void unfilter(const std::vector<std::uint8_t>& raw, image& img) {
    const std::size_t stride = img.width * img.channels;
    img.pixels.assign(stride * img.height, 0);
    for (std::size_t y = 0; y < img.height; ++y) {
        const auto filter = raw.at(y * (stride + 1));
        const auto* in = raw.data() + y * (stride + 1) + 1;
        auto* row = img.pixels.data() + y * stride;
        const auto* up = y > 0 ? row - stride : nullptr;
        for (std::size_t x = 0; x < stride; ++x) {
            const int a = x >= img.channels ? row[x - img.channels] : 0;
            const int b = up != nullptr ? up[x] : 0;
            const int c = up != nullptr && x >= img.channels ? up[x - img.channels] : 0;
            const int predictor = filter == 1   ? a
                                  : filter == 2 ? b
                                  : filter == 3 ? (a + b) / 2
                                  : filter == 4 ? paeth(a, b, c)
                                                : 0;
            row[x] = static_cast<std::uint8_t>(in[x] + predictor);
        }
    }
}

image decode_png(const std::string& png) {
    REQUIRE(png.size() > 33);
    REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    image img;
    std::string idat;
    for (std::size_t at = 8; at + 8 <= png.size();) {
        const auto length = be32(png, at);
        const auto type = png.substr(at + 4, 4);
        if (type == "IHDR") {
            img.width = be32(png, at + 8);
            img.height = be32(png, at + 12);
            const auto depth = static_cast<unsigned char>(png.at(at + 16));
            const auto colour = static_cast<unsigned char>(png.at(at + 17));
            const auto interlace = static_cast<unsigned char>(png.at(at + 20));
            INFO("bit depth " << int(depth) << ", colour type " << int(colour));
            REQUIRE(depth == 8);
            REQUIRE((colour == 2 || colour == 6));
            REQUIRE(interlace == 0);
            img.channels = colour == 2 ? 3 : 4;
        } else if (type == "IDAT") {
            idat += png.substr(at + 8, length);
        }
        at += 12 + length;
    }
    REQUIRE(img.channels != 0);
    std::vector<std::uint8_t> raw((img.width * img.channels + 1) * img.height);
    auto raw_size = static_cast<uLongf>(raw.size());
    REQUIRE(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()),
                       static_cast<uLong>(idat.size())) == Z_OK);
    REQUIRE(raw_size == raw.size());
    unfilter(raw, img);
    return img;
}

// Each pixel's 0xRRGGBB (alpha dropped) and how many pixels have it.
std::map<std::uint32_t, std::size_t> colour_counts(const image& img) {
    std::map<std::uint32_t, std::size_t> counts;
    for (std::size_t i = 0; i + img.channels <= img.pixels.size(); i += img.channels) {
        std::uint32_t c = 0;
        for (std::size_t k = 0; k < 3; ++k)
            c = (c << 8) | img.pixels[i + k];
        ++counts[c];
    }
    return counts;
}

std::size_t distinct_colours(const image& img) {
    return colour_counts(img).size();
}

// --- the DOM as chromium serialised it

std::string decode_entities(std::string s) {
    const std::vector<std::pair<std::string, std::string>> entities{
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto& [from, to] : entities)
            if (s.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        if (!replaced)
            out += s[i++];
    }
    return out;
}

std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(" " + name + "=\"");
    if (at == std::string::npos)
        return {};
    const auto start = at + name.size() + 3;
    return decode_entities(tag.substr(start, tag.find('"', start) - start));
}

// chart id -> "workload=N; ..." where N counts the <polyline class="series"> of each workload.
std::map<std::string, std::string> series_per_chart(const std::string& dom) {
    std::map<std::string, std::string> found;
    for (auto fig = dom.find("<figure"); fig != std::string::npos;
         fig = dom.find("<figure", fig + 1)) {
        const auto end = dom.find("</figure>", fig);
        const auto figure = dom.substr(fig, end - fig);
        const auto chart = attribute(figure.substr(0, figure.find('>')), "data-chart");
        std::map<std::string, int> per_workload;
        for (auto p = figure.find("<polyline"); p != std::string::npos;
             p = figure.find("<polyline", p + 1)) {
            const auto tag = figure.substr(p, figure.find('>', p) - p);
            if (attribute(tag, "class") == "series")
                ++per_workload[attribute(tag, "data-workload")];
        }
        auto& text = found[chart];  // a chart without series maps to ""
        for (const auto& [workload, n] : per_workload)
            text += workload + "=" + std::to_string(n) + "; ";
    }
    return found;
}

}  // namespace

TEST_CASE(
    "report.html renders in headless Chromium: painted, one line per workload, no console "
    "errors",
    "[report][browser]") {
    const auto chromium = bp::search_path("chromium").string();
    if (chromium.empty()) {
        if (browser_required())
            FAIL(
                "FAULTLINE_REQUIRE_BROWSER is set but chromium is not on PATH "
                "(scripts/install-deps.sh installs it)");
        WARN(
            "SKIPPED: chromium is not on PATH; set FAULTLINE_REQUIRE_BROWSER=1 to make this a "
            "failure");
        return;
    }
    test::temp_dir dir;
    // The golden run's results, plus a workload whose name needs escaping.
    std::filesystem::copy_file(golden_dir / "summary.json", dir.path() / "summary.json");
    std::filesystem::copy_file(golden_dir / "timeline.csv", dir.path() / "timeline.csv");
    std::ofstream(dir.path() / "timeline.csv", std::ios::app)
        << "0,0.1,\"<b>&\"\"x\",10,10,0,0,0,1.5,2.5\n1,0.2,\"<b>&\"\"x\",10,9,1,0,0,1.7,9.5\n";
    report::render_results_folder(dir.path(), {"golden-host", {}});
    const auto page = dir.path() / "report.html";

    SECTION("the DOM holds one series per workload in each chart over time; nothing is logged") {
        const auto run = run_chromium(chromium, dir.path(), {"--dump-dom"}, page);
        INFO("chromium's stderr:\n" << without_dbus(run.err));
        REQUIRE_FALSE(run.timed_out);
        REQUIRE(run.exit_code == 0);
        CHECK(console_lines(run.err).empty());
        const auto charts = series_per_chart(run.out);
        for (const char* id : {"throughput", "error-rate", "p50", "p99"}) {
            INFO("chart " << id);
            REQUIRE(charts.count(id) == 1);
            CHECK(charts.at(id) == "<b>&\"x=1; items=1; static=1; ");
        }
        CHECK(charts.at("capacity").empty());
    }
    SECTION("the screenshot is not blank") {
        const auto png = dir.path() / "report.png";
        const auto run =
            run_chromium(chromium, dir.path(),
                         {"--screenshot=" + png.string(), "--window-size=1280,2000"}, page);
        INFO("chromium's stderr:\n" << without_dbus(run.err));
        REQUIRE_FALSE(run.timed_out);
        REQUIRE(run.exit_code == 0);
        CHECK(console_lines(run.err).empty());
        const auto img = decode_png(read_all(png));
        CHECK(img.width == 1280);
        CHECK(img.height == 2000);
        const auto counts = colour_counts(img);
        CHECK(counts.size() > 10);
        // The lines were painted in their palette colours (items, static) and the verdict box
        // in the "fail" background: pixels of exactly those colours.
        CHECK(counts.count(0x1f77b4) == 1);
        CHECK(counts.count(0xff7f0e) == 1);
        CHECK(counts.count(0xfdecea) == 1);
        if (counts.count(0x1f77b4) == 1 && counts.count(0xff7f0e) == 1) {
            CHECK(counts.at(0x1f77b4) >= 200);
            CHECK(counts.at(0xff7f0e) >= 200);
        }
    }
    SECTION("the checks can fail: a script error is caught, a blank page is blank") {
        std::ofstream(dir.path() / "broken.html")
            << "<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p><script>"
               "console.error(\"deliberate\"); no_such_function();</script></body></html>\n";
        const auto broken =
            run_chromium(chromium, dir.path(), {"--dump-dom"}, dir.path() / "broken.html");
        INFO("chromium's stderr:\n" << without_dbus(broken.err));
        REQUIRE_FALSE(broken.timed_out);
        const auto lines = console_lines(broken.err);
        CHECK(lines.size() == 2);
        CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("\"deliberate\"") != std::string::npos;
        }));
        CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("Uncaught ReferenceError") != std::string::npos;
        }));

        std::ofstream(dir.path() / "blank.html")
            << "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>\n";
        const auto png = dir.path() / "blank.png";
        const auto blank = run_chromium(chromium, dir.path(),
                                        {"--screenshot=" + png.string(), "--window-size=1280,2000"},
                                        dir.path() / "blank.html");
        REQUIRE(blank.exit_code == 0);
        CHECK(distinct_colours(decode_png(read_all(png))) <= 10);
    }
}
