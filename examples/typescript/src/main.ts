// node dist/main.js: serves on $PORT (8080)
import { main } from "./server";

void main(process.env);
