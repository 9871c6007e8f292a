// Azure Backup's job errors the portal reproduces: code, title, message and recommended actions.

export type JobError = { code: string; title: string; message: string; recommendations: string[] };

export const JOB_ERRORS = {
  vmNotFound: {
    code: "UserErrorVmNotFoundV2",
    title: "Virtual machine not found",
    message: "The virtual machine doesn't exist anymore.",
    recommendations: [
      "Stop protection of the item and delete its backup data, or restore the virtual machine from a recovery point.",
    ],
  },
  vmAgentUnavailable: {
    code: "UserErrorGuestAgentStatusUnavailable",
    title: "VM agent unreachable",
    message: "VM Agent unable to communicate with Azure Backup.",
    recommendations: [
      "Ensure the VM agent is installed and running on the VM.",
      "Make sure the VM has network connectivity to Azure.",
    ],
  },
  snapshotNoNetwork: {
    code: "ExtensionSnapshotFailedNoNetwork",
    title: "Snapshot failed",
    message: "Snapshot operation failed due to no network connectivity on the virtual machine.",
    recommendations: ["Allow the VM outbound access to the Azure Backup and Azure Storage service tags."],
  },
  marsScratch: {
    code: "SalChecksumStoreInitializationFailed",
    title: "Scratch location not accessible",
    message: "Microsoft Azure Recovery Services Agent was unable to access backup checksum stored in scratch location.",
    recommendations: [
      "Check whether antivirus software or another process locks the scratch location's files.",
      "Make sure the scratch location is valid and accessible to the agent, then restart the server.",
    ],
  },
  transferTimedOut: {
    code: "TransferToVaultFailed",
    title: "Transfer to vault failed",
    message:
      "The snapshot was taken, but transferring it to the vault failed. The snapshot can be restored; the next backup transfers the changes.",
    recommendations: ["No action is needed: the next scheduled backup transfers the data to the vault."],
  },
  engineStopped: {
    code: "EngineStoppedDuringJob",
    title: "Backup interrupted",
    message: "The engine running this job stopped before it finished (its lease ran out).",
    recommendations: [
      "No action is needed: the next scheduled backup runs as usual. Run Backup now for an earlier recovery point.",
    ],
  },
  agentStopped: {
    code: "AgentStoppedDuringJob",
    title: "Backup interrupted",
    message:
      "The Backup Agent stopped reporting before the backup finished (it was stopped, or lost its connection to the vault). Nothing of this backup became a recovery point.",
    recommendations: [
      "Make sure the agent runs on the server (npm run agent -- run) and can reach the portal. The next scheduled backup runs as usual; run Backup now for an earlier recovery point.",
    ],
  },
  agentOffline: {
    code: "AgentOffline",
    title: "Backup Agent offline",
    message: "The Backup Agent on the server hasn't contacted the vault, so the backup couldn't start.",
    recommendations: [
      "Start the agent on the server (npm run agent -- run) and make sure it can reach the portal. The next backup after it returns runs as usual.",
    ],
  },
  agentSourceNotFound: {
    code: "UserErrorSourceFolderNotFound",
    title: "Folder not found",
    message: "A folder selected for backup doesn't exist on the server, or the agent may not read it.",
    recommendations: ["Check the folder on the server, or change the items selected for backup."],
  },
  agentWrongPassphrase: {
    code: "UserErrorEncryptionPassphraseMismatch",
    title: "Passphrase doesn't match",
    message: "The agent's passphrase doesn't open this server's backup data.",
    recommendations: [
      "Restore the passphrase file the server was registered with into the agent's folder. Without it, the backup data can't be read.",
    ],
  },
  agentDiskFull: {
    code: "VaultStorageFull",
    title: "Storage full",
    message: "The vault's storage or the server's scratch space ran out of space during the backup.",
    recommendations: [
      "Free space where the portal keeps backup data (VAULT_STORAGE_DIR) and in the agent's cache folder, then run Backup now.",
    ],
  },
  agentRepositoryLocked: {
    code: "UserErrorBackupDataLocked",
    title: "Backup data in use",
    message: "Another operation holds a lock on this server's backup data.",
    recommendations: ["Wait for the other operation to finish; the next backup runs as usual."],
  },
  agentVaultUnreachable: {
    code: "UserErrorVaultUnreachable",
    title: "Vault unreachable",
    message: "The agent couldn't reach the vault's storage during the backup.",
    recommendations: ["Check the server's network connection to the portal, then run Backup now."],
  },
  agentBackupFailed: {
    code: "BackupAgentOperationFailed",
    title: "Backup failed",
    message: "The backup engine reported an error.",
    recommendations: ["See the error details; run Backup now to retry."],
  },
  agentIntegrityErrors: {
    code: "BackupDataIntegrityCheckFailed",
    title: "Backup data damaged",
    message: "The integrity check found errors in the server's backup data.",
    recommendations: [
      "Keep the repository as it is and check the vault's storage (disk, file system). Recovery points made after a good check are the safest to restore.",
    ],
  },
  agentFilesSkipped: {
    code: "BackupCompletedWithUnreadableFiles",
    title: "Some files were not backed up",
    message: "The backup completed, but some files couldn't be read and aren't in the recovery point.",
    recommendations: ["See the list of files; check that no process locks them and that the agent may read them."],
  },
  restoreVmNameTaken: {
    code: "UserErrorVmNameAlreadyExists",
    title: "Virtual machine name in use",
    message: "A virtual machine of this name was created in the target resource group while the restore ran.",
    recommendations: ["Restore again with another virtual machine name."],
  },
  restoreVmNotFound: {
    code: "UserErrorVmNotFoundForReplaceDisks",
    title: "Virtual machine not found",
    message: "The original virtual machine was deleted while the restore ran, so its disks couldn't be replaced.",
    recommendations: ["Restore to a new virtual machine (Create new), or restore the disks."],
  },
  agentStoppedDuringRestore: {
    code: "AgentStoppedDuringRestore",
    title: "Recovery interrupted",
    message:
      "The Backup Agent stopped reporting before the recovery finished. Nothing was moved into the destination after that; files recovered before stay.",
    recommendations: ["Start the agent on the server (npm run agent -- run), then recover the data again."],
  },
  agentRecoveryFailed: {
    code: "RecoveryFailed",
    title: "Recovery failed",
    message: "The Backup Agent couldn't recover the data.",
    recommendations: ["See the error details, check the destination (free space, permissions), then recover again."],
  },
  agentFilesNotRecovered: {
    code: "RecoveryCompletedWithFailedFiles",
    title: "Some files were not recovered",
    message: "The recovery completed, but some files couldn't be written to the destination.",
    recommendations: [
      "See the list of files; check the destination's permissions and free space, then recover them again.",
    ],
  },
  restoreItemGone: {
    code: "UserErrorRecoveryPointNotFound",
    title: "Recovery point not found",
    message: "The backup item or its recovery point was deleted before the restore could finish.",
    recommendations: ["Choose another restore point of the item."],
  },
} satisfies Record<string, JobError>;
