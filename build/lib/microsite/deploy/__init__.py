"""Publishing a built site to the folder a web server serves, atomically, with rollback."""
