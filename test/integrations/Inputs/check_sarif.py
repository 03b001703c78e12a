#!/usr/bin/env python3
"""Validate SARIF logs against the structure SARIF 2.1.0 requires, then
compare their results with the expected ones (lit helper).

  check_sarif.py [--expect RULE:URI:LINE:COL[:NOTES]]... [--successful yes|no] LOG...

Several LOGs (one per shard) are checked one by one, then their results are
pooled: the pool must equal the --expect list exactly (order aside), each
result once. NOTES is the number of relatedLocations.
"""

import argparse
import json
import sys

LEVELS = {"none", "note", "warning", "error"}
errors = []


def need(cond, where, what):
    if not cond:
        errors.append("%s: %s" % (where, what))
    return cond


def is_str(v):
    return isinstance(v, str) and v != ""


def is_pos_int(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def check_message(m, where):
    need(isinstance(m, dict) and (is_str(m.get("text")) or is_str(m.get("id"))), where,
         "a message needs text (or id)")


def check_location(loc, where, base_ids):
    if not need(isinstance(loc, dict), where, "a location must be an object"):
        return
    phys = loc.get("physicalLocation")
    if not need(isinstance(phys, dict), where, "physicalLocation missing"):
        return
    art = phys.get("artifactLocation")
    if need(isinstance(art, dict) and is_str(art.get("uri")), where,
            "artifactLocation.uri missing"):
        base = art.get("uriBaseId")
        if base is not None:
            need(base in base_ids, where, "uriBaseId %r not in originalUriBaseIds" % base)
        else:
            need(art["uri"].startswith("file:"), where,
                 "a uri without uriBaseId must be absolute")
    region = phys.get("region")
    if need(isinstance(region, dict), where, "region missing"):
        need(is_pos_int(region.get("startLine")), where, "region.startLine must be >= 1")
        need(is_pos_int(region.get("startColumn")), where,
             "region.startColumn must be >= 1")
    if "message" in loc:
        check_message(loc["message"], where + ".message")
    if "id" in loc:
        need(isinstance(loc["id"], int) and loc["id"] >= 0, where, "id must be >= 0")


def check_log(path):
    with open(path) as f:
        log = json.load(f)
    need(log.get("version") == "2.1.0", path, "version must be '2.1.0'")
    need(is_str(log.get("$schema")) and "sarif-schema-2.1.0" in log["$schema"], path,
         "$schema must name the 2.1.0 schema")
    runs = log.get("runs")
    if not need(isinstance(runs, list) and len(runs) == 1, path, "expected one run"):
        return [], None
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    need(driver.get("name") == "corolint", path, "tool.driver.name must be corolint")
    need(is_str(driver.get("version")) and driver["version"] != "unknown", path,
         "tool.driver.version missing")
    rules = driver.get("rules")
    need(isinstance(rules, list), path, "tool.driver.rules must be a list")
    rule_ids = [r.get("id") for r in rules or []]
    need(all(is_str(r) for r in rule_ids), path, "every rule needs an id")
    need(len(set(rule_ids)) == len(rule_ids), path, "rule ids must be unique")
    base_ids = run.get("originalUriBaseIds", {})
    for name, base in base_ids.items():
        need(is_str(base.get("uri")) and base["uri"].endswith("/"), path,
             "originalUriBaseIds.%s.uri must end with /" % name)
    successful = None
    for inv in run.get("invocations", []):
        need(isinstance(inv.get("executionSuccessful"), bool), path,
             "invocation.executionSuccessful must be a boolean")
        successful = inv.get("executionSuccessful")
        for n in inv.get("toolExecutionNotifications", []):
            check_message(n.get("message"), path + ": notification")
    pooled = []
    results = run.get("results")
    need(isinstance(results, list), path, "results must be a list")
    for i, r in enumerate(results or []):
        where = "%s: results[%d]" % (path, i)
        need(r.get("ruleId") in rule_ids, where, "ruleId %r not in rules" % r.get("ruleId"))
        if "ruleIndex" in r:
            need(0 <= r["ruleIndex"] < len(rule_ids) and
                 rule_ids[r["ruleIndex"]] == r.get("ruleId"), where,
                 "ruleIndex does not point at ruleId")
        need(r.get("level") in LEVELS, where, "level %r invalid" % r.get("level"))
        check_message(r.get("message"), where + ".message")
        locs = r.get("locations")
        if not need(isinstance(locs, list) and len(locs) >= 1, where, "locations missing"):
            continue
        for j, loc in enumerate(locs):
            check_location(loc, "%s.locations[%d]" % (where, j), base_ids)
        related = r.get("relatedLocations", [])
        for j, loc in enumerate(related):
            check_location(loc, "%s.relatedLocations[%d]" % (where, j), base_ids)
            need("message" in loc, where, "a related location (note) needs its message")
        phys = locs[0].get("physicalLocation", {})
        region = phys.get("region", {})
        pooled.append("%s:%s:%s:%s:%d" % (r.get("ruleId"),
                                         phys.get("artifactLocation", {}).get("uri"),
                                         region.get("startLine"), region.get("startColumn"),
                                         len(related)))
    return pooled, successful


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--expect", action="append", default=[])
    parser.add_argument("--successful", choices=["yes", "no"])
    parser.add_argument("logs", nargs="+")
    args = parser.parse_args()
    pooled = []
    for log in args.logs:
        results, successful = check_log(log)
        pooled += results
        if args.successful:
            need(successful == (args.successful == "yes"), log,
                 "executionSuccessful is %r" % successful)
    expected = []
    for e in args.expect:
        expected.append(e if e.count(":") == 4 else e + ":0")
    need(sorted(pooled) == sorted(expected), "results",
         "got %s, expected %s" % (sorted(pooled), sorted(expected)))
    if errors:
        sys.stderr.write("\n".join("check_sarif: " + e for e in errors) + "\n")
        return 1
    print("SARIF OK: %d log(s), %d result(s)" % (len(args.logs), len(pooled)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
