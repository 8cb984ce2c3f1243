using Mpg.Gate.Cli;

return MpgApp.Run(args, Console.Out, Console.Error);
