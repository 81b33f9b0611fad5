#!/usr/bin/env python3
"""Static checks of docker/ (driven by scripts/check-docker.sh; no Docker engine needed).

  check-docker.py compose <rendered.yaml> <docker/compose.yaml> <dummy password>
      assertions on the config `docker-compose config` rendered, and on the source file.
  check-docker.py dockerfile <repo> <docker/Dockerfile.x> <work dir>
      checks every COPY source exists (and is not excluded by .dockerignore), stages the build
      context the way the Dockerfile's build stage does, runs its dotnet restore/publish there
      and checks the published folder against the final stage (ENTRYPOINT dll, runtimeconfig,
      data/units/*.csv, HEALTHCHECK, non-root USER).

Every failure is printed as a FAIL line; the exit code is 1 when anything failed.
"""
import fnmatch
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

failures = []


VERBOSE = os.environ.get("CHECK_DOCKER_VERBOSE") == "1"
passed = []


def ok(message):
    passed.append(message)
    if VERBOSE:
        print(f"  ok   {message}")


def check(condition, message, detail=""):
    if condition:
        ok(message)
    else:
        failures.append(message)
        print(f"  FAIL {message}" + (f": {detail}" if detail else ""))
    return condition


# ---------------------------------------------------------------------------------------- compose

def url_port(url):
    m = re.search(r":(\d+)/?$", url or "")
    return m.group(1) if m else None


def health(service):
    hc = service.get("healthcheck") or {}
    test = hc.get("test")
    if hc.get("disable") or not test or test == ["NONE"]:
        return None
    return test if isinstance(test, list) else ["CMD-SHELL", test]


def depends(service):
    d = service.get("depends_on") or {}
    if isinstance(d, list):
        return {name: "service_started" for name in d}
    return {name: (v or {}).get("condition", "service_started") for name, v in d.items()}


def published_ports(service):
    result = []
    for p in service.get("ports") or []:
        if isinstance(p, dict):
            result.append((str(p.get("published", "")), str(p.get("target", ""))))
        else:
            parts = str(p).split("/")[0].split(":")
            result.append((parts[-2] if len(parts) > 1 else "", parts[-1]))
    return result


def check_compose(rendered_path, source_path, dummy):
    import yaml

    with open(rendered_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    with open(source_path, encoding="utf-8") as f:
        source = f.read()
    services = config.get("services") or {}

    # PostgreSQL
    pg = services.get("postgres")
    if check(pg is not None, "service postgres exists"):
        check(str(pg.get("image", "")).startswith("postgres:15"), "postgres runs the postgres:15 image", pg.get("image"))
        test = health(pg) or []
        check(any("pg_isready" in str(t) for t in test), "postgres has a pg_isready healthcheck", test)
        volumes = [str(v.get("source") if isinstance(v, dict) else v).split(":")[0] for v in pg.get("volumes") or []]
        named = set((config.get("volumes") or {}).keys())
        check(any(v in named for v in volumes), "postgres keeps its data in a named volume", volumes)
        env = pg.get("environment") or {}
        check(env.get("POSTGRES_PASSWORD") == dummy, "postgres takes POSTGRES_PASSWORD from the environment")
        pg_db, pg_user = env.get("POSTGRES_DB"), env.get("POSTGRES_USER")
        check(bool(pg_db) and bool(pg_user), "postgres creates a database and a user", f"{pg_db}/{pg_user}")

    def check_storage(name, env):
        cs = env.get("ConnectionStrings__UnitGrains", "")
        check(str(env.get("UnitGrains__Storage", "")).lower() == "postgres", f"{name}: UnitGrains__Storage=postgres")
        parts = dict(p.split("=", 1) for p in cs.split(";") if "=" in p)
        check(parts.get("Host") == "postgres" and parts.get("Database") == pg_db and parts.get("Username") == pg_user,
              f"{name}: the connection string names the postgres service, its database and user", cs.replace(dummy, "***"))
        check(parts.get("Password") == dummy, f"{name}: the connection string's password comes from POSTGRES_PASSWORD")

    # Silos
    silos = {n: s for n, s in services.items() if str((s.get("build") or {}).get("dockerfile", "")).endswith("Dockerfile.silo")}
    check(len(silos) == 3, "three silo services built from docker/Dockerfile.silo", sorted(silos))
    advertised, seeding = {}, []
    for name, s in sorted(silos.items()):
        env = s.get("environment") or {}
        test = health(s) or []
        check(any("/health/live" in str(t) for t in test), f"{name}: healthcheck on /health/live", test)
        port = url_port(env.get("ASPNETCORE_URLS", ""))
        check(port is not None and port in [str(t) for t in test], f"{name}: the healthcheck probes the port it listens on ({port})", test)
        check(depends(s).get("postgres") == "service_healthy", f"{name}: depends on postgres being healthy", depends(s))
        check_storage(name, env)
        address = env.get("Orleans__AdvertisedAddress")
        check(address in (name, s.get("hostname")), f"{name}: advertises its own host name ({address})")
        advertised[name] = address
        seed = str(env.get("UnitGrains__Seed", "true")).lower()  # the silo's default is to seed
        check(seed in ("true", "false"), f"{name}: UnitGrains__Seed is true or false ({seed})")
        if seed == "true":
            seeding.append(name)
        check(env.get("Orleans__ClusterId") == "unitgrains" or "Orleans__ClusterId" not in env,
              f"{name}: joins cluster 'unitgrains'", env.get("Orleans__ClusterId"))
    check(len(set(advertised.values())) == len(advertised), "the silos advertise distinct addresses", advertised)
    check(len(seeding) == 1, "exactly one silo seeds the hierarchy", seeding)

    # Gateway
    gateways = {n: s for n, s in services.items() if str((s.get("build") or {}).get("dockerfile", "")).endswith("Dockerfile.gateway")}
    check(len(gateways) == 1, "one gateway service built from docker/Dockerfile.gateway", sorted(gateways))
    for name, g in gateways.items():
        env = g.get("environment") or {}
        deps = depends(g)
        check(all(deps.get(s) == "service_healthy" for s in silos), f"{name}: depends on every silo being healthy", deps)
        check(env.get("Orleans__Cluster") == "client", f"{name}: Orleans__Cluster=client")
        check_storage(name, env)
        port = url_port(env.get("ASPNETCORE_URLS", ""))
        check(port == "8080", f"{name}: listens on 8080 (ASPNETCORE_URLS)", env.get("ASPNETCORE_URLS"))
        check(any(t == "8080" for _, t in published_ports(g)), f"{name}: publishes port 8080", published_ports(g))
        test = health(g) or []
        check(any("/health/ready" in str(t) for t in test) and port in [str(t) for t in test],
              f"{name}: healthcheck on /health/ready at its own port", test)

    # Every service that runs our images has a healthcheck.
    for name, s in sorted(services.items()):
        check(health(s) is not None, f"{name}: has a healthcheck")

    # No plaintext password in the source file: every password is the ${POSTGRES_PASSWORD…} variable.
    literal = []
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    for m in re.finditer(r"(?i)(password\s*[=:]\s*)(\S+)", code):
        value = m.group(2).strip("'\"")
        if not value.startswith("${POSTGRES_PASSWORD"):
            literal.append(m.group(0))
    check(not literal, "docker/compose.yaml holds no plaintext password", literal)
    required = re.findall(r"\$\{POSTGRES_PASSWORD(:?[?-])", source)
    check(required and all(r in ("?", ":?") for r in required),
          "POSTGRES_PASSWORD is a required variable (${POSTGRES_PASSWORD:?…}) everywhere it is used", required)
    check(dummy not in source, "the dummy password is not in the source file")
    # The silos are written once (extension field + anchor), not three times.
    check(re.search(r"(?m)^x-silo:\s*&silo\b", source) is not None and source.count("<<: *silo\n") == 3,
          "the three silos share one x-silo anchor")


# ------------------------------------------------------------------------------------- Dockerfile

def instructions(path):
    """(instruction, argument string, stage index) of a Dockerfile, continuation lines joined."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines, current = [], ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        lines.append(current.strip())
        current = ""
    stage, result = -1, []
    for line in lines:
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            stage += 1
        result.append((word, rest.strip(), stage))
    return result


def split_flags(arguments):
    if arguments.startswith("["):
        parts = json.loads(arguments)
    else:
        parts = shlex.split(arguments)
    flags = {}
    while parts and parts[0].startswith("--"):
        key, _, value = parts.pop(0)[2:].partition("=")
        flags[key] = value
    return flags, parts


def dockerignore(repo):
    """A .dockerignore matcher (Docker's rules: patterns from the context root, ** any depth, ! re-includes)."""
    rules = []
    path = os.path.join(repo, ".dockerignore")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            pattern = os.path.normpath(line.lstrip("!").strip("/")).replace(os.sep, "/")
            regex = ""
            i = 0
            while i < len(pattern):
                if pattern.startswith("**/", i):
                    regex += "(?:.*/)?"
                    i += 3
                elif pattern.startswith("**", i):
                    regex += ".*"
                    i += 2
                elif pattern[i] == "*":
                    regex += "[^/]*"
                    i += 1
                elif pattern[i] == "?":
                    regex += "[^/]"
                    i += 1
                else:
                    regex += re.escape(pattern[i])
                    i += 1
            # A pattern matching a directory excludes everything under it.
            rules.append((re.compile("^" + regex + "(?:/.*)?$"), negate))

    def ignored(relative):
        result = False
        for regex, negate in rules:
            if regex.match(relative):
                result = not negate
        return result

    return ignored


def assembly_name(csproj):
    root = ET.parse(csproj).getroot()
    for element in root.iter("AssemblyName"):
        if element.text:
            return element.text.strip()
    return os.path.splitext(os.path.basename(csproj))[0]


def project_closure(repo, csproj):
    """The csproj and every project it references, transitively (paths relative to repo)."""
    seen, todo = [], [os.path.relpath(csproj, repo)]
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.append(rel)
        for ref in ET.parse(os.path.join(repo, rel)).getroot().iter("ProjectReference"):
            include = ref.get("Include", "").replace("\\", "/").replace("$(RepoRoot)", "")
            target = include if not include.startswith(".") else os.path.join(os.path.dirname(rel), include)
            todo.append(os.path.normpath(target))
    return seen


def run(command, cwd, log):
    print(f"  run  {' '.join(command)}", flush=True)
    started = time.time()
    with open(log, "a", encoding="utf-8") as out:
        code = subprocess.call(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if code != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = f.readlines()[-30:]
        print("".join("       | " + line for line in tail), end="")
    return code, time.time() - started


def check_dockerfile(repo, dockerfile, work):
    name = os.path.basename(dockerfile)
    steps = instructions(dockerfile)
    stages = max(s for _, _, s in steps) + 1
    check(stages >= 2, f"{name}: multi-stage (build and runtime stages)", stages)
    froms = [a for w, a, _ in steps if w == "FROM"]
    check(froms and froms[0].startswith("mcr.microsoft.com/dotnet/sdk:10.0"), f"{name}: builds on the .NET 10 SDK image", froms[:1])
    check(froms and froms[-1].startswith("mcr.microsoft.com/dotnet/aspnet:10.0"), f"{name}: runs on the ASP.NET Core 10 runtime image", froms[-1:])
    build_alias = froms[0].split()[-1] if froms and " AS " in froms[0].upper() else "0"
    final = stages - 1
    ignored = dockerignore(repo)

    # Every COPY source from the context exists and is not excluded by .dockerignore.
    context_copies = []
    for word, arguments, stage in steps:
        if word not in ("COPY", "ADD"):
            continue
        flags, parts = split_flags(arguments)
        if "from" in flags:
            continue
        sources, destination = parts[:-1], parts[-1]
        for source in sources:
            matches = glob.glob(os.path.join(repo, source.rstrip("/")))
            if not check(bool(matches), f"{name}: COPY source {source} exists"):
                continue
            for match in matches:
                rel = os.path.relpath(match, repo).replace(os.sep, "/")
                check(not ignored(rel), f"{name}: COPY source {rel} is not excluded by .dockerignore")
                if os.path.isdir(match):
                    # No file the repository tracks under a copied folder may be left out.
                    tracked = subprocess.run(["git", "-C", repo, "ls-files", "-z", "--", rel],
                                             capture_output=True, text=True).stdout.split("\0")
                    left_out = [t for t in tracked if t and ignored(t)]
                    check(not left_out, f"{name}: .dockerignore keeps every tracked file under {rel}/", left_out[:5])
            context_copies.append((stage, source, destination))

    # Build stage: restore from the project files before the sources are copied (layer caching).
    build = [(w, a) for w, a, s in steps if s == 0]
    runs = [a for w, a in build if w == "RUN"]
    restore = next((i for i, (w, a) in enumerate(build) if w == "RUN" and "dotnet restore" in a), None)
    publish = next((a for a in runs if "dotnet publish" in a), None)
    check(publish is not None, f"{name}: the build stage runs dotnet publish")
    if restore is not None:
        before = [a for w, a in build[:restore] if w == "COPY"]
        after = [a for w, a in build[restore:] if w == "COPY"]
        before_sources = [p for a in before for p in split_flags(a)[1][:-1]]
        check(all(re.search(r"\.(props|json|sln|csproj|editorconfig)$|^\.editorconfig$", p) for p in before_sources),
              f"{name}: only build policy and project files are copied before dotnet restore", before_sources)
        check(bool(after), f"{name}: the sources are copied after dotnet restore")
        for needed in ("global.json", "Directory.Build.props", "Directory.Packages.props"):
            check(needed in before_sources, f"{name}: {needed} is copied before dotnet restore")
    else:
        check(False, f"{name}: a separate dotnet restore layer")
        before_sources = []

    project = None
    if publish:
        words = shlex.split(publish)
        project = next((w for w in words if w.endswith(".csproj")), None)
        out = words[words.index("-o") + 1] if "-o" in words else None
        check(project is not None and os.path.exists(os.path.join(repo, project)), f"{name}: publishes an existing project ({project})")
        check(out is not None, f"{name}: publishes into a folder (-o)", publish)
        if project and os.path.exists(os.path.join(repo, project)):
            closure = project_closure(repo, os.path.join(repo, project))
            check(all(p in before_sources for p in closure), f"{name}: every project it references is copied before restore", closure)
        finals = [split_flags(a) for w, a, s in steps if s == final and w == "COPY"]
        check(any(f.get("from") == build_alias and parts[0].rstrip("/") == (out or "").rstrip("/") for f, parts in finals),
              f"{name}: the runtime stage copies the publish output (--from={build_alias} {out})")

    # Runtime stage: entry point, non-root user, health check.
    entry = [a for w, a, s in steps if s == final and w == "ENTRYPOINT"]
    entry_dll = None
    if check(len(entry) == 1 and entry[0].startswith("["), f"{name}: ENTRYPOINT in exec form", entry):
        args = json.loads(entry[0])
        check(args[0] == "dotnet" and len(args) > 1 and args[1].endswith(".dll"), f"{name}: ENTRYPOINT runs dotnet <dll>", args)
        entry_dll = args[1] if len(args) > 1 else None
    if project and entry_dll:
        expected = assembly_name(os.path.join(repo, project)) + ".dll"
        check(entry_dll == expected, f"{name}: ENTRYPOINT dll is the project's assembly ({expected})", entry_dll)
    users = [a for w, a, s in steps if s == final and w == "USER"]
    check(bool(users) and users[-1] not in ("root", "0", "0:0"), f"{name}: runs as a non-root user", users)
    hc = [a for w, a, s in steps if s == final and w == "HEALTHCHECK"]
    env = " ".join(a for w, a, s in steps if s == final and w == "ENV")
    listen = re.search(r"ASPNETCORE_URLS=\S*:(\d+)", env)
    if check(len(hc) == 1 and "CMD" in hc[0], f"{name}: HEALTHCHECK", hc):
        command = json.loads(hc[0][hc[0].index("CMD") + 3:].strip())
        check(command[0] not in ("curl", "wget"), f"{name}: the HEALTHCHECK needs no curl/wget (absent from the aspnet image)", command)
        check(listen is not None and listen.group(1) in command, f"{name}: the HEALTHCHECK probes the port of ASPNETCORE_URLS", command)
        script = next((c for c in command if c.startswith("/usr/local/bin/")), None)
        copied = [(src, dst) for st, src, dst in context_copies if st == final and dst == script]
        check(bool(copied), f"{name}: the health probe {script} is copied into the image")
        for src, _ in copied:
            check(subprocess.call(["bash", "-n", os.path.join(repo, src)]) == 0, f"{name}: {src} is valid bash")

    if failures or not project:
        return
    if os.environ.get("CHECK_DOCKER_SKIP_PUBLISH") == "1":
        print(f"  (CHECK_DOCKER_SKIP_PUBLISH=1: {name}'s publish skipped)")
        return

    # Build the image's contents the way the build stage does: stage the context with exactly the
    # build stage's COPY instructions (minus .dockerignore), then run its dotnet commands there.
    context = os.path.join(work, "context")
    output = os.path.join(work, "publish")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(context)
    for stage, source, destination in context_copies:
        if stage != 0:
            continue
        for match in glob.glob(os.path.join(repo, source.rstrip("/"))):
            rel = os.path.relpath(match, repo).replace(os.sep, "/")
            if os.path.isdir(match):
                target = os.path.join(context, destination)
                for root, dirs, files in os.walk(match):
                    dirs[:] = [d for d in dirs if not ignored(os.path.relpath(os.path.join(root, d), repo).replace(os.sep, "/"))]
                    for file in files:
                        full = os.path.join(root, file)
                        if ignored(os.path.relpath(full, repo).replace(os.sep, "/")):
                            continue
                        dest = os.path.join(target, os.path.relpath(full, match))
                        os.makedirs(os.path.dirname(dest), exist_ok=True)
                        shutil.copy2(full, dest)
            else:
                dest = os.path.join(context, destination) if not destination.endswith("/") and destination not in (".", "./") \
                    else os.path.join(context, destination, os.path.basename(match))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy2(match, dest)
    log = os.path.join(work, "dotnet.log")
    for command in runs:
        words = shlex.split(command)
        check(words[0] == "dotnet" and words[1] in ("restore", "publish", "build"),
              f"{name}: build stage RUN is a dotnet command this check can replay", command)
        if "-o" in words:
            words[words.index("-o") + 1] = output
        code, seconds = run(words + ["--disable-build-servers", "-nologo"], context, log)
        if not check(code == 0, f"{name}: `{command}` succeeds on the staged context ({seconds:.0f} s)", f"see {log}"):
            return

    # The published folder holds what the runtime stage starts.
    dll = os.path.join(output, entry_dll)
    check(os.path.isfile(dll), f"{name}: published {entry_dll}")
    runtimeconfig = os.path.join(output, entry_dll[:-4] + ".runtimeconfig.json")
    if check(os.path.isfile(runtimeconfig), f"{name}: published {os.path.basename(runtimeconfig)}"):
        with open(runtimeconfig, encoding="utf-8") as f:
            options = json.load(f).get("runtimeOptions", {})
        frameworks = options.get("frameworks") or [options.get("framework", {})]
        names = {fw.get("name"): fw.get("version", "") for fw in frameworks}
        check(names.get("Microsoft.AspNetCore.App", "").startswith("10."), f"{name}: targets the ASP.NET Core 10 shared framework (aspnet image)", names)
    check(os.path.isfile(os.path.join(output, entry_dll[:-4] + ".deps.json")), f"{name}: published the deps.json")
    csvs = sorted(glob.glob(os.path.join(output, "data", "units", "*.csv")))
    check(len(csvs) >= 3 and all(os.path.getsize(c) > 0 for c in csvs),
          f"{name}: published data/units/*.csv ({', '.join(os.path.basename(c) for c in csvs)})")
    for hierarchy in ("2level-2025-07", "3level-2025-03", "3level-2023"):
        check(os.path.isfile(os.path.join(output, "data", "units", f"units-{hierarchy}.csv")), f"{name}: published the {hierarchy} unit list")
    check(os.path.isfile(os.path.join(output, "data", "departments.json")), f"{name}: published data/departments.json")
    check(bool(glob.glob(os.path.join(output, "data", "plans", "*.json"))), f"{name}: published data/plans/*.json")
    check(os.path.isfile(os.path.join(output, "appsettings.json")), f"{name}: published appsettings.json")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "compose" and len(sys.argv) == 5:
        check_compose(*sys.argv[2:])
    elif mode == "dockerfile" and len(sys.argv) == 5:
        check_dockerfile(*sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"  {len(passed)} checks passed, {len(failures)} failed" + ("" if VERBOSE or not passed else " (CHECK_DOCKER_VERBOSE=1 lists them)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
