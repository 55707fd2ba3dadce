using Kubewarden.PolicyServer;

return await PolicyServerHost.RunAsync(args, Environment.GetEnvironmentVariables()).ConfigureAwait(false);
