// Run tests/node/parity_runner.py under MicroPython (the PyScript wasm build) in Node.
// Usage: node run_micropython.mjs <micropython.mjs> <repo root> <cases.json>
// Copies triage_core/ (Python and rules JSON) into the wasm file system, runs every case and
// prints one JSON line per case on stdout, in order.
import fs from "node:fs";
import path from "node:path";

const [mpModule, root, casesFile] = process.argv.slice(2);
const { loadMicroPython } = await import(mpModule);
const lines = [];
const errors = [];
const mp = await loadMicroPython({
  heapsize: 64 * 1024 * 1024,
  stdout: (line) => lines.push(line),
  stderr: (line) => errors.push(line),
});

function copyTree(from, to) {
  mp.FS.mkdir(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "__pycache__") copyTree(source, to + "/" + entry.name);
    } else if (/\.(py|json)$/.test(entry.name)) {
      mp.FS.writeFile(to + "/" + entry.name, fs.readFileSync(source));
    }
  }
}

mp.FS.mkdir("/parity");
copyTree(path.join(root, "triage_core"), "/parity/triage_core");
mp.FS.writeFile("/parity/parity_runner.py", fs.readFileSync(path.join(root, "tests/node/parity_runner.py")));
mp.FS.writeFile("/parity/cases.json", fs.readFileSync(casesFile));
try {
  mp.runPython(`
import sys
sys.path.insert(0, "/parity")
import parity_runner
parity_runner.run_file("/parity/cases.json", print)
print("__implementation__ " + sys.implementation.name)
`);
} catch (err) {
  process.stderr.write(String(err) + "\n" + errors.join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(lines.join("\n") + "\n");
