// Simulation tests land here.
