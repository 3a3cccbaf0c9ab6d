using Eiec.Cli;

return EiecCli.Run(args);
