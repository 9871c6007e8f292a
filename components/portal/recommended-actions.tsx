/** Azure's recommended actions for an error (a failed job, an alert), when it has any. */
export function RecommendedActions({ recommendations }: { recommendations: string[] }) {
  if (recommendations.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="font-semibold">Recommended actions:</p>
      <ul className="ml-4 list-disc">
        {recommendations.map((recommendation) => (
          <li key={recommendation}>{recommendation}</li>
        ))}
      </ul>
    </div>
  );
}
