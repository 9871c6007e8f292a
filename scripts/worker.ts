// npm run worker: the engine on its own, for deployments that run web servers with ENGINE=off.
import { startEngineService } from "@/lib/server/engine/service";

await startEngineService();
