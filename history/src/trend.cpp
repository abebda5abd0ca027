#include <fmt/core.h>
#include <pqxx/result>
#include <pqxx/transaction>

#include <faultline/history/trend.hpp>

#include "store_connection.hpp"

namespace faultline::history {
namespace {

std::optional<double> number(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return std::nullopt;
    return it->get<double>();
}

// Each fault's overall recovery (summary.json `faults[].overall`).
std::vector<fault_recovery> recoveries(const nlohmann::json& faults) {
    std::vector<fault_recovery> out;
    for (const auto& f : faults) {
        fault_recovery r;
        r.fault = f.value("name", std::string("?"));
        const auto overall = f.value("overall", nlohmann::json::object());
        if (overall.is_object()) {
            r.time_to_recover_s = number(overall, "time_to_recover_s");
            r.recovered = overall.value("recovered", false);
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::string capacity_text(std::optional<double> rps) {
    return rps ? fmt::format("{:.1f}/s", *rps) : "none";
}

std::string recovery_text(const fault_recovery& r) {
    if (!r.recovered)
        return r.fault + " not recovered";
    if (!r.time_to_recover_s)
        return r.fault + " recovered";
    return fmt::format("{} recovered in {:.2f} s", r.fault, *r.time_to_recover_s);
}

// From the first run shown to the last.
std::string capacity_change(const std::vector<stored_run>& runs) {
    if (runs.size() == 1)
        return "capacity " + capacity_text(runs.front().capacity_rps) + " in the only run";
    const auto& first = runs.front().capacity_rps;
    const auto& last = runs.back().capacity_rps;
    const auto span = fmt::format("from the first to the last of {} runs", runs.size());
    if (!first || !last)
        return fmt::format("capacity {} -> {} {}", capacity_text(first), capacity_text(last), span);
    const auto percent =
        *first != 0 ? fmt::format(" ({:+.1f}%)", (*last - *first) / *first * 100) : std::string();
    return fmt::format("capacity {} -> {}{} {}", capacity_text(first), capacity_text(last), percent,
                       span);
}

}  // namespace

std::vector<stored_run> run_store::trend(const std::string& scenario, std::size_t limit) {
    return one_line_errors([&] {
        pqxx::read_transaction tx(connection_->db, "faultline_trend");
        const auto rows = tx.exec_params(
            "SELECT id, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
            "verdict, capacity_rps, "
            "jsonb_path_query_array(summary, '$.faults[*] ? (@.type() == \"object\")')::text "
            "FROM (SELECT * FROM faultline_runs WHERE scenario = $1 "
            "ORDER BY started_at DESC, id DESC LIMIT $2) AS newest ORDER BY started_at, id",
            scenario, static_cast<long long>(limit));
        std::vector<stored_run> out;
        for (const auto& row : rows) {
            stored_run run;
            run.id = row[0].as<std::int64_t>();
            run.started_at = row[1].as<std::string>();
            run.verdict = row[2].as<std::string>();
            if (!row[3].is_null())
                run.capacity_rps = row[3].as<double>();
            run.faults = recoveries(nlohmann::json::parse(row[4].as<std::string>()));
            out.push_back(std::move(run));
        }
        return out;
    });
}

std::string render_trend(const std::string& scenario, const std::vector<stored_run>& runs) {
    if (runs.empty())
        return "no stored run of " + scenario + "\n";
    std::string out;
    for (const auto& run : runs) {
        out += fmt::format("#{:<5} {}  {:<7}  capacity {:>10}", run.id, run.started_at, run.verdict,
                           capacity_text(run.capacity_rps));
        for (const auto& fault : run.faults)
            out += "  " + recovery_text(fault);
        out += "\n";
    }
    return out + capacity_change(runs) + "\n";
}

}  // namespace faultline::history
