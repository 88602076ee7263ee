// System//Zero under pm2 (https://pm2.keymetrics.io).
//
//   swift build -c release --product systemzero
//   pm2 start deploy/ecosystem.config.js          # from the repository root
//   pm2 save && pm2 startup                        # start again after a reboot
//   pm2 reload systemzero-api                      # restart; `pm2 sendSignal SIGHUP systemzero-api` reloads settings only
//
// Why `exec_mode: "fork"` with one instance, and never cluster mode: the embedded SQLite ledger is a single writer.
// The server appends every capture and drift event to a Merkle log whose sequence numbers, tree head and signed
// checkpoints it keeps in memory beside data/ledger.sqlite. Two processes on the same folder would each believe they own
// the head, write interleaved entries and sign checkpoints that contradict each other; each would also keep its own
// rate-limit buckets, so the limits would no longer hold. (pm2's cluster mode is also meant for Node programs, not native binaries.) Scale
// by putting several independent servers, each with its own data folder, behind a proxy — not several processes on one.
//
// Log rotation: pm2 does not rotate its own out/error files. Install the module with
//   pm2 install pm2-logrotate && pm2 set pm2-logrotate:max_size 10M && pm2 set pm2-logrotate:retain 30
// The server's request log (logs/api_requests.log) is rotated daily by the server itself
// (SYSTEMZERO_REQUEST_LOG_RETENTION_DAYS).

const path = require("path");

const root = path.resolve(__dirname, "..");

module.exports = {
  apps: [
    {
      name: "systemzero-api",
      script: path.join(root, ".build/release/systemzero"),
      args: "serve",
      interpreter: "none", // a native binary, not a Node script
      cwd: root,
      exec_mode: "fork", // never "cluster": see the note above
      instances: 1,
      autorestart: true,
      max_restarts: 10,
      min_uptime: "10s",
      restart_delay: 5000,
      max_memory_restart: "256M", // the design budget is < 100 MB after load; far above it means something is wrong
      kill_timeout: 45000, // ms between SIGTERM and SIGKILL: longer than the 30 s drain
      listen_timeout: 10000,
      out_file: path.join(root, "logs/pm2-out.log"),
      error_file: path.join(root, "logs/pm2-error.log"),
      merge_logs: true,
      log_date_format: "YYYY-MM-DDTHH:mm:ss.SSSZ",
      env: {
        SYSTEMZERO_HOST: "127.0.0.1",
        SYSTEMZERO_PORT: "8080",
        SYSTEMZERO_DATA_DIR: "data",
        SYSTEMZERO_TEMPLATE_PATH: "templates",
        SYSTEMZERO_LOG_PATH: "logs",
        SYSTEMZERO_CONFIG_DIR: "config",
        SYSTEMZERO_LOG_LEVEL: "info",
      },
    },
  ],
};
